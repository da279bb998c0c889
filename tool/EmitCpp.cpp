//===- EmitCpp.cpp - The lowered C++17 text of a coroutine ---------------===//
//
// A frame struct (parameters, hoisted locals in unions, a per-state
// destructor) and a resume() whose switch jumps to the label after each
// suspend point. The user's loops, ifs and blocks stay loops, ifs and blocks.
//
//===----------------------------------------------------------------------===//
#include "Layout.h"
#include <fmt/format.h>
#include <map>

namespace cosm {

namespace {

/// `T name` for a member, `T` possibly an array type or a reference to one.
std::string declarator(const std::string &Type, const std::string &Name) {
  size_t Bracket = Type.find('[');
  if (Type.find('(') == std::string::npos && Bracket != std::string::npos &&
      Type.back() == ']') // `char[256]`: `char name[256]`, as written
  {
    std::string Elem = Type.substr(0, Bracket);
    while (!Elem.empty() && Elem.back() == ' ')
      Elem.pop_back();
    return Elem + " " + Name + Type.substr(Bracket);
  }
  if (Type.find_first_of("[(") != std::string::npos)
    return "cosm::lowered::type_t<" + Type + "> " + Name;
  return Type + " " + Name;
}

/// `T *name`, T possibly an array type.
std::string pointerDeclarator(const std::string &Type,
                              const std::string &Name) {
  if (Type.find_first_of("[(") != std::string::npos)
    return "std::add_pointer_t<" + Type + "> " + Name;
  return Type + " *" + Name;
}

bool isGuarded(const Var *V) { return V->Hoisted && !V->IsTrivial; }

/// True if S's last statement is a co_return (nothing after it runs).
bool endsWithReturn(const Node &S) {
  if (S.Kind == Node::Return)
    return true;
  if (S.Kind == Node::Block && !S.Body.empty())
    return endsWithReturn(*S.Body.back());
  return false;
}

class Emitter {
public:
  explicit Emitter(const Coroutine &C) : C(C) {}

  void line(const std::string &S) {
    Out.append(static_cast<size_t>(Indent) * 2, ' ');
    Out += S;
    Out += '\n';
  }

  /// `#line`, so compiler errors and debuggers point at the input.
  void mark(unsigned Line) {
    if (C.LineFile.empty() || Line == 0)
      return;
    Out += fmt::format("#line {} \"{}\"\n", Line, C.LineFile);
  }

  std::string exitStmt() const {
    return C.Kind == CoroKind::Task ? "return " + C.BaseRef + "cosm_final();"
                                    : "return;";
  }

  void dispatch(int Region) {
    const auto &D = C.Regions[Region].Dispatch;
    if (D.empty())
      return;
    line("switch (" + C.BaseRef + "cosm_state) {");
    for (const auto &[State, Target] : D)
      line(fmt::format("case {}: goto {};", State, Target));
    line("}");
  }

  void braced(const Node &S) {
    if (S.Kind == Node::Block) {
      emit(S);
      return;
    }
    line("{");
    ++Indent;
    emit(S);
    --Indent;
    line("}");
  }

  void emitDecl(const Node &S) {
    const Var *V = S.V;
    std::string Init = S.Text.str();
    if (S.Decomposed && !S.Decomposed->Hoisted)
      return; // declared by the structured binding declaration as written
    if (!V->Hoisted) {
      if (!S.Original.empty()) {
        line(S.Original.str());
        return;
      }
      std::string Ref =
          V->IsReference ? (V->IsRValueReference ? "&&" : "&") : "";
      std::string D = declarator(V->Type + Ref, V->Name);
      switch (S.Init) {
      case InitKind::None:
        line(D + ";");
        break;
      case InitKind::Copy:
        line(D + " = " + Init + ";");
        break;
      case InitKind::Paren:
        line(D + "(" + Init + ");");
        break;
      case InitKind::Brace:
        line(D + Init + ";");
        break;
      }
      return;
    }
    std::string Comment = fmt::format("  // line {}", S.Line);
    if (V->IsReference) {
      if (S.Init != InitKind::None) {
        if (V->IsRValueReference)
          line(V->Name + " = cosm::lowered::referent(" + Init + ");" + Comment);
        else
          line(V->Name + " = std::addressof(" + Init + ");" + Comment);
      }
    } else if (V->IsAssignable) {
      if (S.Init == InitKind::Brace)
        line(V->Name + " = " + V->Type + Init + ";" + Comment);
      else if (S.Init != InitKind::None)
        line(V->Name + " = " + Init + ";" + Comment);
    } else {
      std::string New =
          "::new (cosm::lowered::storage(" + V->Name + ")) " + V->Type;
      switch (S.Init) {
      case InitKind::None:
        line(New + ";" + Comment);
        break;
      case InitKind::Copy:
      case InitKind::Paren:
        line(New + "(" + Init + ");" + Comment);
        break;
      case InitKind::Brace:
        line(New + Init + ";" + Comment);
        break;
      }
    }
    if (!S.DeferGuard)
      emitGuard(S);
  }

  /// The guard of a hoisted local with a destructor, and the dispatch into
  /// the rest of its scope.
  void emitGuard(const Node &S) {
    const Var *V = S.V;
    if (!isGuarded(V))
      return;
    if (S.Region >= 0)
      line(fmt::format("cosm_enter_{}:", S.Region));
    line("cosm::lowered::local_guard<" + V->Type + "> cosm_guard_" + V->Name +
         "(" + V->Name + ", *this);");
    if (S.Region >= 0)
      dispatch(S.Region);
  }

  void emitSuspend(const Node &S) {
    unsigned K = S.State;
    const std::string &P = C.BaseRef;
    switch (S.SuspendKind) {
    case Node::Yield:
      line(fmt::format("// co_yield (line {}): suspend point {}", S.Line, K));
      line(P + "cosm_yield(" + S.Text.str() + ");");
      line(fmt::format("{}cosm_state = {};", P, K));
      line("return;");
      break;
    case Node::YieldFrom:
      line(fmt::format("// co_yield cosm::from (line {}): suspend point {}",
                       S.Line, K));
      line("if (" + P + "cosm_yield_from(" + S.Awaiter->Name + ")) {");
      line(fmt::format("  {}cosm_state = {};", P, K));
      line("  return;");
      line("}");
      break;
    case Node::Await:
      line(fmt::format("// co_await (line {}): suspend point {}", S.Line, K));
      line("if (!" + S.Awaiter->Name + ".await_ready()) {");
      line(fmt::format("  {}cosm_state = {};", P, K));
      line("  if (" + P + "cosm_await_suspend(" + S.Awaiter->Name +
           ")) return " + P + "cosm_transfer();");
      line("}");
      break;
    }
    line(fmt::format("cosm_resume_{}:", K));
    line(P + "cosm_resumed();");
  }

  void emit(const Node &S) {
    if (S.Kind != Node::Block && S.Kind != Node::Label)
      mark(S.Line);
    switch (S.Kind) {
    case Node::CodeStmt:
      line(S.Text.str());
      return;
    case Node::Label:
      line(S.Text.str());
      return;
    case Node::Block:
      line("{");
      ++Indent;
      for (const NodePtr &Child : S.Body)
        emit(*Child);
      --Indent;
      line("}");
      return;
    case Node::Decl:
      emitDecl(S);
      return;
    case Node::Guard:
      emitGuard(S);
      return;
    case Node::If:
      line(std::string(S.IsConstexpr ? "if constexpr (" : "if (") +
           S.Text.str() + ")");
      braced(*S.Then);
      if (S.Else) {
        line("else");
        braced(*S.Else);
      }
      return;
    case Node::Loop:
      if (S.IsDoWhile) {
        line("do");
        braced(*S.Then);
        line("while (" + S.Text.str() + ");");
      } else if (S.HasCond && S.Inc.empty()) {
        line("while (" + S.Text.str() + ")");
        braced(*S.Then);
      } else if (!S.HasCond && S.Inc.empty()) {
        line("for (;;)");
        braced(*S.Then);
      } else {
        line("for (; " + S.Text.str() + "; " + S.Inc.str() + ")");
        braced(*S.Then);
      }
      return;
    case Node::Switch:
      line("switch (" + S.Text.str() + ")");
      braced(*S.Body[0]);
      return;
    case Node::Try: {
      if (S.Region >= 0)
        line(fmt::format("cosm_enter_{}:", S.Region));
      line("try {");
      ++Indent;
      if (S.Region >= 0)
        dispatch(S.Region);
      const Node &TryBlock = *S.Body[0];
      if (TryBlock.Kind == Node::Block)
        for (const NodePtr &Child : TryBlock.Body)
          emit(*Child);
      else
        emit(TryBlock);
      --Indent;
      line("}");
      for (const Code &H : S.Handlers)
        line(H.str());
      return;
    }
    case Node::Suspend:
      emitSuspend(S);
      return;
    case Node::Return:
      if (S.HasValue)
        line(C.BaseRef + "cosm_return(" + S.Text.str() + ");");
      line(exitStmt());
      return;
    }
  }

  /// The member declarations: self, parameters, then hoisted locals.
  void members() {
    if (!C.SelfType.empty())
      line(C.SelfType + " *" + C.SelfName + ";");
    for (const Var *P : C.Params)
      line(paramDeclarator(P) + ";");
    std::map<int, std::vector<const Var *>> Groups;
    for (const auto &V : C.Vars)
      if (V->Hoisted && V->Kind != Var::Param)
        Groups[V->UnionGroup].push_back(V.get());
    for (const auto &[G, Vs] : Groups) {
      auto Member = [&](const Var *V) {
        std::string D = V->IsReference ? pointerDeclarator(V->Type, V->Name)
                                       : declarator(V->Type, V->Name);
        return D + "; // line " + std::to_string(V->Line);
      };
      if (Vs.size() == 1 && (Vs[0]->IsReference || Vs[0]->IsTrivialType)) {
        line(Member(Vs[0]));
        continue;
      }
      line("union { // locals whose scopes do not overlap share storage");
      ++Indent;
      for (const Var *V : Vs)
        line(Member(V));
      --Indent;
      line("};");
    }
  }

  std::string ctorParams() const {
    std::string S;
    if (!C.SelfType.empty())
      S += C.SelfType + " *" + C.SelfName;
    for (const Var *P : C.Params) {
      if (!S.empty())
        S += ", ";
      S += paramDeclarator(P);
    }
    return S;
  }

  static std::string paramDeclarator(const Var *P) {
    return P->IsCapture ? pointerDeclarator(P->Type, P->Name)
                        : declarator(P->Type, P->Name);
  }

  static bool movesIn(const Var *P) {
    return !P->IsLValueReferenceParam && !P->IsAssignable && !P->IsCapture;
  }

  std::string ctorInits() const {
    std::string S;
    auto Add = [&](const std::string &I) {
      S += (S.empty() ? " : " : ", ") + I;
    };
    if (!C.SelfType.empty())
      Add(C.SelfName + "(" + C.SelfName + ")");
    for (const Var *P : C.Params)
      Add(P->Name +
          (movesIn(P) ? "(std::move(" + P->Name + "))" : "(" + P->Name + ")"));
    return S;
  }

  std::string makeArgs() const {
    std::string S;
    auto Add = [&](const std::string &A) { S += (S.empty() ? "" : ", ") + A; };
    if (!C.SelfType.empty())
      Add("this");
    for (const Var *P : C.Params)
      Add(P->IsCapture ? "std::addressof(" + P->SourceName + ")"
          : movesIn(P) ? "std::move(" + P->Name + ")"
                       : P->Name);
    return S;
  }

  /// The destructor's body: per state, the guarded locals alive there.
  std::vector<std::string> destroyCases() const {
    std::vector<std::string> Lines;
    for (unsigned K = 1; K <= C.NumStates; ++K) {
      std::vector<const Var *> Live;
      for (int R = C.StateRegion[K]; R != -1; R = C.Regions[R].Parent) {
        const Node *A = C.Regions[R].Anchor;
        if (A && (A->Kind == Node::Decl || A->Kind == Node::Guard))
          Live.push_back(A->V); // innermost first: reverse construction order
      }
      if (Live.empty())
        continue;
      Lines.push_back(fmt::format("case {}: // line {}", K, C.StateLine[K]));
      for (const Var *V : Live)
        Lines.push_back("  cosm::lowered::destroy(" + V->Name + ");");
      Lines.push_back("  break;");
    }
    return Lines;
  }

  std::string resumeSignature(bool Qualified) const {
    std::string Ret =
        C.Kind == CoroKind::Task ? "cosm::lowered::frame_handle " : "void ";
    std::string Name =
        Qualified ? C.FrameName + C.TemplateArgs + "::resume()" : "resume()";
    return Ret + Name;
  }

  void resumeBody() {
    line("{");
    ++Indent;
    dispatch(0);
    const Node &Body = *C.Body;
    for (const NodePtr &Child : Body.Body)
      emit(*Child);
    if (C.Kind == CoroKind::Task && !endsWithReturn(Body))
      line(exitStmt());
    --Indent;
    line("}");
  }

  void destructorBody(const std::vector<std::string> &Cases) {
    line("{");
    ++Indent;
    line("switch (" + C.BaseRef + "cosm_state) {");
    for (const std::string &L : Cases)
      line(L);
    line("}");
    --Indent;
    line("}");
  }

  /// The frame struct; resume() and the destructor are defined in it only
  /// when Nested.
  void frameStruct(bool Nested, const std::vector<std::string> &Cases) {
    mark(C.Line);
    std::string Of = C.IsLambda ? "the coroutine lambda" : "`" + C.Name + "`";
    line(fmt::format("// The frame of {} (line {}): its {}parameters and the "
                     "locals that live across a suspend point.",
                     Of, C.Line, C.IsLambda ? "captures, " : ""));
    if (!C.TemplateHeader.empty())
      line(C.TemplateHeader);
    std::string Prefix = C.IsOutOfClass ? C.QualifierPrefix : "";
    line("struct " + Prefix + C.FrameName + " final : " + C.BaseType + " {");
    ++Indent;
    members();
    bool One = (C.Params.size() + (C.SelfType.empty() ? 0 : 1)) == 1;
    line(std::string(One ? "explicit " : "") + C.FrameName + "(" +
         ctorParams() + ")" + ctorInits() + " {}");
    // The destructor is user-provided even when empty: unions of
    // non-trivial members delete the implicit one.
    if (Cases.empty()) {
      line("~" + C.FrameName + "() override {}");
    } else if (Nested) {
      line("~" + C.FrameName + "() override");
      destructorBody(Cases);
    } else {
      line("~" + C.FrameName + "() override;");
    }
    if (Nested) {
      line(resumeSignature(false) + " override");
      resumeBody();
    } else {
      line(resumeSignature(false) + " override;");
    }
    --Indent;
    line("};");
    line("");
  }

  void function(const std::string &Head) {
    mark(C.Line);
    line(Head + "{");
    line("  return " + C.MakeFunction + "<" + C.FrameName + C.TemplateArgs +
         ">(" + makeArgs() + ");");
    line("}");
  }

  /// resume() and the destructor, defined after the frame struct.
  void outOfLineMembers(const std::vector<std::string> &Cases) {
    std::string Inline = C.TemplateHeader.empty() ? "inline " : "";
    std::string Frame = C.QualifierPrefix + C.FrameName + C.TemplateArgs;
    if (!Cases.empty()) {
      line("");
      if (!C.TemplateHeader.empty())
        line(C.TemplateHeader);
      line(Inline + Frame + "::~" + C.FrameName + "()");
      destructorBody(Cases);
    }
    line("");
    if (!C.TemplateHeader.empty())
      line(C.TemplateHeader);
    mark(C.Line);
    std::string Ret =
        C.Kind == CoroKind::Task ? "cosm::lowered::frame_handle " : "void ";
    line(Inline + Ret + Frame + "::resume()");
    resumeBody();
  }

  EmittedCoroutine run() {
    std::vector<std::string> Cases = destroyCases();
    EmittedCoroutine Result;
    if (C.IsOutOfClass) {
      // In the class: declarations only; the class is incomplete there.
      if (!C.TemplateHeader.empty())
        line(C.TemplateHeader);
      line("struct " + C.FrameName + ";");
      mark(C.Line);
      line(C.Signature + ";");
      Result.Text = std::move(Out);
      Out.clear();
      frameStruct(/*Nested=*/false, Cases);
      std::string Inline = C.TemplateHeader.empty() ? "inline " : "";
      if (!C.TemplateHeader.empty())
        line(C.TemplateHeader);
      function(Inline + C.OutOfClassHead + " ");
      outOfLineMembers(Cases);
      Result.AfterClass = std::move(Out);
      return Result;
    }
    if (C.FrameInBody) {
      // The function's body: a local frame class (everything defined in it,
      // as local classes require) and the frame's creation.
      line("{");
      ++Indent;
      frameStruct(/*Nested=*/true, Cases);
      line("return " + C.MakeFunction + "<" + C.FrameName + ">(" + makeArgs() +
           ");");
      --Indent;
      line("}");
      Result.Text = std::move(Out);
      return Result;
    }
    bool Nested = C.IsMember;
    frameStruct(Nested, Cases);
    function(C.Signature);
    if (!Nested)
      outOfLineMembers(Cases);
    Result.Text = std::move(Out);
    return Result;
  }

  const Coroutine &C;
  std::string Out;
  int Indent = 0;
};

} // namespace

EmittedCoroutine emitCpp(const Coroutine &C) {
  Emitter E(C);
  return E.run();
}

} // namespace cosm
