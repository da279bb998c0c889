//===- Build.h - From Clang's AST to the cosm IR --------------------------===//
//
// Find picks the coroutines to lower, Check rejects what the lowering cannot
// express, Build turns each body into IR (Spill moves suspend points out of
// expressions), and Render copies input text with the rewrites lowering needs.
//
//===----------------------------------------------------------------------===//
#ifndef COSM_BUILD_H
#define COSM_BUILD_H

#include "IR.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <set>

namespace cosm {

/// A function the tool lowers.
struct FoundCoroutine {
  const clang::FunctionDecl *FD = nullptr;
  CoroKind Kind = CoroKind::Generator;
  std::vector<std::string> TypeArgs;         // Y, S, R or T, defaults filled in
  const clang::LambdaExpr *Lambda = nullptr; // FD is its call operator
};

/// Find: every coroutine in the main file whose return type is a cosm type,
/// coroutine lambdas included (those outside what cosm lowers: reported).
std::vector<FoundCoroutine> findCoroutines(clang::ASTContext &Ctx,
                                           clang::DiagnosticsEngine &Diags);

/// Check: reports every construct outside the supported subset; false if any.
bool checkCoroutine(const FoundCoroutine &F, clang::ASTContext &Ctx,
                    clang::DiagnosticsEngine &Diags);

/// Build (with Spill): the IR of one coroutine, or null after an error.
std::unique_ptr<Coroutine> buildCoroutine(const FoundCoroutine &F,
                                          clang::ASTContext &Ctx,
                                          clang::DiagnosticsEngine &Diags);

/// Hints: a call to a cosm task whose result is used as its value or
/// dropped gets a diagnostic naming the coroutine, with the fix-it co_await.
void diagnoseForgottenAwaits(clang::ASTContext &Ctx,
                             clang::DiagnosticsEngine &Diags);

/// A replacement of [Begin, End) of the main file.
struct TextEdit {
  unsigned Begin, End;
  std::string Text;
};

/// CallSites: range-for loops over a call to a lowered generator (a
/// non-template free function, mapped to its frame's qualified name) get the
/// frame by value. Calls inside the Skip ranges are left alone.
std::vector<TextEdit> localGeneratorCalls(
    clang::ASTContext &Ctx,
    const std::map<const clang::FunctionDecl *, std::string> &Frames,
    const std::vector<std::pair<unsigned, unsigned>> &Skip);

/// Reports `Msg` as a clang-style error at `Loc`.
void reportError(clang::DiagnosticsEngine &Diags, clang::SourceLocation Loc,
                 llvm::StringRef Msg);

/// The text of a type as it can be written in the frame, fully qualified.
std::string typeText(clang::QualType T, const clang::ASTContext &Ctx);

/// True if S is, or contains, a co_yield or co_await (not looking into
/// lambdas, whose bodies are separate functions).
bool hasSuspend(const clang::Stmt *S);

/// co_yield / co_await, also the dependent form of co_await in templates.
inline bool isSuspendExpr(const clang::Stmt *S) {
  return llvm::isa<clang::CoroutineSuspendExpr, clang::DependentCoawaitExpr>(S);
}

/// `auto` whose type Sema deduces only per instantiation (Locals.cpp).
bool isDependentAuto(clang::QualType T);

/// Strips the implicit nodes Sema wraps around an expression.
const clang::Expr *ignoreImplicit(const clang::Expr *E);

/// The statement-to-IR builder. Build.cpp holds statements, Locals.cpp the
/// locals, Spill.cpp expressions, Render.cpp the text copying.
class Builder {
public:
  Builder(const FoundCoroutine &F, clang::ASTContext &Ctx,
          clang::DiagnosticsEngine &Diags, Coroutine &C);

  bool run();

  // ---- Render.cpp ----
  /// The input text of S (a trailing `;` included if WithSemi), with
  /// references to locals made symbolic, implicit `this` made explicit,
  /// `co_return` lowered and the given subexpressions replaced.
  Code render(const clang::Stmt *S, bool WithSemi = false);
  Code renderRange(clang::SourceLocation B, clang::SourceLocation E,
                   const clang::Stmt *Within);
  std::string sourceText(clang::SourceRange R);
  unsigned lineOf(clang::SourceLocation L);
  /// Subexpressions replaced while rendering (by Spill).
  std::map<const clang::Stmt *, Code> Substitutions;

  /// The operand of `co_return`, moved from when it names a local (the
  /// implicit move C++20 applies).
  Code returnOperand(const clang::Expr *Op, std::vector<NodePtr> *Out);

  // ---- Spill.cpp ----
  /// Appends to Out the statements that evaluate every suspend point in E,
  /// left to right, and returns the code that computes E's value after them.
  Code spill(const clang::Expr *E, std::vector<NodePtr> &Out);
  /// Like spill, but the temporaries end with the full-expression: they live
  /// in a block that ends by storing E's value (as type T) in a hoisted
  /// local, whose use is returned. AsCondition converts to bool explicitly.
  Code spillValue(const clang::Expr *E, clang::QualType T,
                  std::vector<NodePtr> &Out, bool AsCondition);
  /// Emits the suspend point S (its operand spilled first) and returns the
  /// expression that yields its value right after it resumes.
  Code emitSuspend(const clang::Expr *S, std::vector<NodePtr> &Out,
                   bool ValueUsed);
  /// Saves the value of E (already rendered as Value) in a temporary so that
  /// a later suspend point cannot change it; returns how to read it back.
  Code saveTemp(const clang::Expr *E, Code Value, std::vector<NodePtr> &Out);

  // ---- Build.cpp ----
  NodePtr build(const clang::Stmt *S);
  void buildInto(const clang::Stmt *S, std::vector<NodePtr> &Out);
  void buildVarDecl(const clang::VarDecl *VD, const clang::DeclStmt *Whole,
                    std::vector<NodePtr> &Out);
  void buildRangeFor(const clang::CXXForRangeStmt *RS,
                     std::vector<NodePtr> &Out);
  /// The type of an `auto` / `auto *` / `auto &` local whose initializer
  /// (Init, as rendered) is dependent, spelled with decltype.
  void deduceFromInit(const clang::VarDecl *VD, Var *V, const Code &Init,
                      InitKind Kind);
  NodePtr makeCode(Code Text, unsigned Line);
  /// Inner (a full-expression's statements and temporaries) in a block that
  /// ends by building V from Init; V's guard and scope follow the block.
  void buildAtBlockEnd(Var *V, InitKind Kind, Code Init,
                       std::vector<NodePtr> Inner, unsigned Line,
                       std::vector<NodePtr> &Out);
  /// `if (!(cond)) break;` of a loop turned into `for (;;)`.
  void loopTest(const clang::VarDecl *CondVar, const clang::Expr *Cond,
                unsigned Line, std::vector<NodePtr> &Out);
  NodePtr continueLabel(int N);
  Var *declare(const clang::VarDecl *VD);
  /// A coroutine lambda's captures become pointer members of the frame.
  void lambdaCaptures(const clang::LambdaExpr &LE);
  /// After the declaration of a structured binding's hidden object: how each
  /// binding reads once that object lives in the frame (a reference local
  /// for a tuple-like binding, a member or element access otherwise).
  void declareBindings(const clang::DecompositionDecl *DD,
                       std::vector<NodePtr> &Out);
  /// A temporary holding a value across a suspend point.
  Var *makeTemp(const std::string &Hint, clang::QualType T, bool IsRef);
  NodePtr makeDecl(Var *V, InitKind Init, Code InitText, Code Original,
                   unsigned Line);
  void error(clang::SourceLocation Loc, llvm::StringRef Msg);

  const FoundCoroutine &F;
  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  clang::DiagnosticsEngine &Diags;
  Coroutine &C;
  bool Failed = false;
  bool IsInstanceMethod = false;
  llvm::DenseMap<const clang::VarDecl *, Var *> Vars;
  // Bindings that are not variables of their own: how each one reads.
  llvm::DenseMap<const clang::BindingDecl *, Code> Bindings;
  // Loops lowered to `for (;;)` whose `continue` became `goto`.
  llvm::DenseMap<const clang::Stmt *, int> ContinueLabels;
  llvm::DenseMap<const clang::Stmt *, const clang::Stmt *> ContinueTargets;
  int NextLabel = 0;
  std::set<int> UsedContinueLabels;
  unsigned NextTemp = 0;
};

} // namespace cosm

#endif
