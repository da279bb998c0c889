//===- IR.h - The cosm IR between Clang's AST and the emitters -----------===//
//
// A coroutine body as a tree of structured statements. Leaves are code
// fragments copied from the input (with the few rewrites lowering needs) and
// suspend points. Everything after Build works on this IR only, so Layout,
// States and the emitters never see Clang.
//
//===----------------------------------------------------------------------===//
#ifndef COSM_IR_H
#define COSM_IR_H

#include <memory>
#include <string>
#include <vector>

namespace cosm {

struct Var;

/// A piece of C++ text. Most of it is verbatim input; references to locals
/// stay symbolic until Layout has decided where each local lives.
struct Code {
  struct Piece {
    // VarUse reads the variable (through the pointer for a hoisted
    // reference); VarName is the bare member name. BindingUse names a
    // structured binding that is not a variable of its own (a member or an
    // element of the hidden object V): as written (Name) while V is an
    // ordinary local, `V` + Str (`.first`, `[1]`) once V is a frame member.
    enum KindTy { Text, VarUse, VarName, BindingUse } Kind = Text;
    std::string Str;  // Text; BindingUse: the access suffix
    Var *V = nullptr; // VarUse, VarName, BindingUse
    std::string Name; // BindingUse: the binding's name
  };
  std::vector<Piece> Pieces;

  Code() = default;
  explicit Code(std::string S) { append(std::move(S)); }
  bool empty() const { return Pieces.empty(); }
  Code &append(std::string S);
  Code &append(const Code &C);
  Code &use(Var *V);
  Code &name(Var *V);
  Code &binding(Var *Hidden, std::string Access, std::string Name);
  /// Renders with uses resolved: a hoisted reference reads `(*name)`.
  std::string str() const;
  /// Renders for an unevaluated operand in a member declaration: each local
  /// becomes `std::declval<T &>()`, so only types are needed.
  std::string declvalStr() const;
};

/// A local of the coroutine: a parameter, a user variable, or a temporary
/// the spiller made.
struct Var {
  enum KindTy { Param, Local, Temp } Kind = Local;
  std::string SourceName;   // as written (or a synthetic name for temps)
  std::string Name;         // unique within the frame (Layout)
  std::string Shown;        // for diagnostics, if not SourceName (`[a, b]`)
  std::string Type;         // the object type; for references, the referee;
                            // for parameters, the declared type
  bool IsReference = false; // stored as a pointer when hoisted
  bool IsRValueReference = false;
  bool IsLValueReferenceParam = false; // a parameter of type T &
  bool IsBound = false;   // a cosm::lowered::bound (Type), read as `(*name)`
  bool IsCapture = false; // a coroutine lambda's capture: a pointer member
                          // (Type *), passed in as std::addressof(SourceName)
  bool IsTrivial = false; // trivially destructible (no guard needed)
  bool IsAssignable = false;       // scalar: constructed with `=`
  bool IsTrivialType = false;      // may be a plain member (no union)
  long long Size = -1, Align = -1; // bytes as a member (a pointer for a
                                   // hoisted reference); -1 if dependent
  bool ForceHoist = false;         // constructed in a nested block, used after
  unsigned Line = 0;               // where it is declared, for comments
  unsigned RawLoc = 0;             // its SourceLocation, for diagnostics
  std::string Unsupported;         // why it cannot live in a frame, if it can't
  // Layout results.
  bool Hoisted = false;
  int UnionGroup = -1; // hoisted non-parameters share storage per group
};

struct Node;
using NodePtr = std::unique_ptr<Node>;

/// How a declaration initializes its variable.
enum class InitKind { None, Copy, Paren, Brace };

struct Node {
  enum KindTy {
    CodeStmt, // verbatim statement(s) without suspend points
    Block,    // { ... } — a scope
    Decl,     // a local's declaration (hoisted or not, decided by Layout)
    If,
    Loop,
    Switch,
    Label, // `case 1:` / `default:` inside a Switch body
    Try,
    Suspend, // co_yield / co_await / co_yield cosm::from(...)
    Return,  // co_return
    Guard,   // the guard of a local built earlier by a DeferGuard Decl
  } Kind;
  unsigned Line = 0; // source line, for comments

  explicit Node(KindTy K) : Kind(K) {}

  // CodeStmt, Label: the text. If/Loop/Switch: the condition.
  // Return: the operand. Suspend: the operand.
  Code Text;
  // Block: statements. Try: the try block is Body[0].
  std::vector<NodePtr> Body;

  // Decl, Guard.
  Var *V = nullptr;
  // Decl: built inside a block that ends the full-expression's temporaries;
  // its Guard (and scope) follows that block.
  bool DeferGuard = false;
  // Decl of a tuple-like structured binding's reference: Decomposed is the
  // hidden object. While that one is an ordinary local, its own declaration
  // (`auto [a, b] = ...;`, as written) declares the binding too.
  Var *Decomposed = nullptr;
  InitKind Init = InitKind::None;
  Code Original; // the declaration as written, used when not hoisted

  // If: Then/Else. Loop: the body is Then.
  NodePtr Then, Else;

  // Loop: `for (;;) { Cond...; Then; continue-label: Inc... }` when CondPre or
  // IncPre is set; otherwise the natural while/for/do form.
  NodePtr CondPre, IncPre;
  Code Inc;
  bool IsDoWhile = false;
  bool HasCond = false;
  bool IsConstexpr = false; // if constexpr
  int ContinueLabel = -1;   // >= 0: `continue` was rewritten to a goto

  // Try: catch handlers, verbatim.
  std::vector<Code> Handlers;

  // Suspend.
  enum SuspendKindTy { Yield, YieldFrom, Await } SuspendKind = Yield;
  Var *Result = nullptr;   // receives the value (may be null)
  Var *Awaiter = nullptr;  // YieldFrom: the from_t slot; Await: the awaiter
  std::string AwaiterType; // Await: the awaiter's type
  unsigned State = 0;      // States

  // Decl of a guarded local, Try: the dispatch region it opens (States).
  int Region = -1;

  // Return: whether it has an operand.
  bool HasValue = false;
};

enum class CoroKind { Generator, Task };

/// Where execution re-enters after a suspend: the function body, a `try`
/// block, or the rest of a block after a guarded local. Each has a label and
/// a `switch (cosm_state)` that jumps on toward the suspend point.
struct Region {
  int Parent = -1;
  Node *Anchor = nullptr; // the Try or Decl; null for the body
  // state -> label to jump to from this region's dispatch
  std::vector<std::pair<unsigned, std::string>> Dispatch;
};

/// One coroutine to lower.
struct Coroutine {
  CoroKind Kind = CoroKind::Generator;
  std::string Name;      // the function's name
  std::string FrameName; // e.g. countdown_frame
  std::string BaseType;  // e.g. cosm::lowered::generator_frame<int, void, void>
  std::string ReturnType;      // e.g. cosm::generator<int>
  std::string MakeFunction;    // cosm::lowered::make_generator / make_task
  std::string TemplateHeader;  // `template <class T>` or empty
  std::string TemplateArgs;    // `<T>` or empty
  std::string Signature;       // the definition's head, up to the body
  std::string QualifierPrefix; // `Outer::Inner::` for out-of-class parts
  std::string SelfType; // non-empty for instance methods: `Foo` / `const Foo`
  std::string SelfName = "self";
  // How the frame names its base's members: `this->` when the base is a
  // dependent type (templates), so two-phase lookup finds them.
  std::string BaseRef;
  bool IsMember = false; // frame nested in the class
  // A coroutine lambda, or a method defined outside its class: only the
  // body is rewritten, into a local frame class (which has the function's
  // access to the class) and a return of make_generator/make_task.
  bool FrameInBody = false;
  bool IsLambda = false; // its captures are pointer members
  // A method of a non-template class: its frame is declared in the class and
  // defined after it (the class must be complete), and so is the method.
  bool IsOutOfClass = false;
  std::string OutOfClassHead; // `auto C::f(int x) const -> R`
  std::string SourceFile;
  unsigned Line = 0;
  // Emit `#line` directives pointing at this file (empty: none).
  std::string LineFile;

  std::vector<std::unique_ptr<Var>> Vars;
  std::vector<Var *> Params;
  NodePtr Body; // a Block

  unsigned NumStates = 0;
  std::vector<Region> Regions;            // [0] is the body
  std::vector<int> StateRegion;           // state -> innermost region
  std::vector<unsigned> StateLine;        // state -> source line
  std::vector<std::string> ExternalNames; // unqualified names the body uses

  Var *newVar(Var::KindTy K, std::string SourceName, std::string Type) {
    Vars.push_back(std::make_unique<Var>());
    Var *V = Vars.back().get();
    V->Kind = K;
    V->SourceName = SourceName;
    V->Name = std::move(SourceName);
    V->Type = std::move(Type);
    return V;
  }
};

/// The statements directly below S, in the order they execute.
std::vector<Node *> children(const Node &S);

/// Visits every statement below S (S included), parents before children,
/// in execution order.
template <class Fn> void forEachNode(Node &S, Fn &&F) {
  F(S);
  for (Node *C : children(S))
    forEachNode(*C, F);
}

bool containsSuspend(const Node &S);

/// True if one of Stmts declares a local (a temporary, usually).
bool declaresLocal(const std::vector<NodePtr> &Stmts);

} // namespace cosm

#endif
