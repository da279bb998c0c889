//===- Render.cpp - Copy input text with the rewrites lowering needs -----===//
//
// Code without suspend points is copied from the input as written, so the
// output reads like the input. The only rewrites: references to the
// coroutine's locals become symbolic (Layout decides whether a reference
// local reads through a pointer), implicit `this` becomes `self->`,
// `co_return` becomes a return from resume(), and `continue` in loops whose
// increment moved into the body becomes a goto.
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "clang/Lex/Lexer.h"
#include <map>
#include <optional>
#include <set>

using namespace clang;

namespace cosm {

namespace {
struct Edit {
  unsigned Begin, End; // [Begin, End) in the main file; Begin == End inserts
  Code Replacement;
};
} // namespace

std::string Builder::sourceText(SourceRange R) {
  CharSourceRange CR =
      Lexer::getAsCharRange(SM.getExpansionRange(R), SM, Ctx.getLangOpts());
  return Lexer::getSourceText(CR, SM, Ctx.getLangOpts()).str();
}

unsigned Builder::lineOf(SourceLocation L) {
  return SM.getExpansionLineNumber(L);
}

namespace {

class EditCollector {
public:
  EditCollector(Builder &B) : B(B), SM(B.SM), LO(B.Ctx.getLangOpts()) {}

  /// File offsets of R, or false when R cannot be edited (inside a macro).
  bool offsets(SourceRange R, unsigned &Begin, unsigned &End) {
    SourceLocation BL = R.getBegin(), EL = R.getEnd();
    if (BL.isMacroID() || EL.isMacroID()) {
      if (!SM.isMacroArgExpansion(BL) || !SM.isMacroArgExpansion(EL))
        return false;
      BL = SM.getSpellingLoc(BL);
      EL = SM.getSpellingLoc(EL);
    }
    if (!SM.isInMainFile(BL) || !SM.isInMainFile(EL))
      return false;
    EL = Lexer::getLocForEndOfToken(EL, 0, SM, LO);
    Begin = SM.getFileOffset(BL);
    End = SM.getFileOffset(EL);
    return Begin <= End;
  }

  /// Extends End over whitespace to include a following `;`.
  unsigned withSemicolon(unsigned End) {
    llvm::StringRef Buf = SM.getBufferData(SM.getMainFileID());
    unsigned I = End;
    while (I < Buf.size() && isspace(static_cast<unsigned char>(Buf[I])))
      ++I;
    return I < Buf.size() && Buf[I] == ';' ? I + 1 : End;
  }

  void replace(const Stmt *N, Code C, bool WithSemi = false) {
    unsigned Begin, End;
    if (!offsets(N->getSourceRange(), Begin, End)) {
      B.error(N->getBeginLoc(), "cosm cannot rewrite this code because it is "
                                "inside a macro expansion");
      return;
    }
    if (WithSemi)
      End = withSemicolon(End);
    Edits.push_back({Begin, End, std::move(C)});
  }

  void insert(SourceLocation L, std::string Text) {
    unsigned Begin, End;
    if (!offsets(SourceRange(L, L), Begin, End)) {
      B.error(L, "cosm cannot rewrite this code because it is inside a macro "
                 "expansion");
      return;
    }
    Edits.push_back({Begin, Begin, Code(std::move(Text))});
  }

  std::string selfArrow() { return B.C.SelfName + "->"; }

  void collect(const Stmt *N) {
    if (!N)
      return;
    if (auto It = B.Substitutions.find(N); It != B.Substitutions.end()) {
      replace(N, It->second);
      return;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(N)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (auto It = B.Vars.find(VD); It != B.Vars.end())
          replace(N, ref(It->second));
      if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl()))
        if (!CapturedBindings.count(BD))
          if (std::optional<Code> Use = bindingUse(BD))
            replace(N, *Use);
      return;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(N)) {
      if (ME->isImplicitAccess() && B.IsInstanceMethod)
        insert(ME->getBeginLoc(), selfArrow());
    } else if (const auto *DME = dyn_cast<CXXDependentScopeMemberExpr>(N)) {
      if (DME->isImplicitAccess() && B.IsInstanceMethod)
        insert(DME->getBeginLoc(), selfArrow());
    } else if (const auto *UME = dyn_cast<UnresolvedMemberExpr>(N)) {
      if (UME->isImplicitAccess() && B.IsInstanceMethod)
        insert(UME->getBeginLoc(), selfArrow());
    } else if (const auto *TE = dyn_cast<CXXThisExpr>(N)) {
      if (!TE->isImplicit())
        replace(N, Code(B.C.SelfName));
      return;
    } else if (const auto *CR = dyn_cast<CoreturnStmt>(N)) {
      replace(N, lowerReturn(CR), /*WithSemi=*/true);
      return;
    } else if (const auto *CS = dyn_cast<ContinueStmt>(N)) {
      auto T = B.ContinueTargets.find(CS);
      if (T != B.ContinueTargets.end()) {
        auto L = B.ContinueLabels.find(T->second);
        if (L != B.ContinueLabels.end())
          B.UsedContinueLabels.insert(L->second),
              replace(
                  N,
                  Code("goto cosm_continue_" + std::to_string(L->second) + ";"),
                  /*WithSemi=*/true);
      }
      return;
    } else if (const auto *LE = dyn_cast<LambdaExpr>(N)) {
      lambda(LE);
      return;
    }
    for (const Stmt *Child : N->children())
      collect(Child);
  }

  /// A local may have become a frame member, which a capture cannot name and
  /// which a `[=]` lambda would reach through the frame's `this`, by
  /// reference: `[x, &y]` becomes `[x = x, &y = y]`, and `[=]` gets an
  /// init-capture for each local it copies, so copies stay copies. The body
  /// then reads the captures by name.
  void lambda(const LambdaExpr *LE) {
    std::vector<const BindingDecl *> Bound;
    std::vector<const Var *> Copied;
    Code Implicit; // init-captures to add after a `=` capture default
    for (const LambdaCapture &LC : LE->captures()) {
      if (LC.capturesThis() && LC.isImplicit() &&
          LE->getCaptureDefault() == LCD_ByCopy && B.IsInstanceMethod) {
        // `self` is a frame member too: copy the pointer, as [=] copies this.
        Implicit.append(", " + B.C.SelfName + " = " + B.C.SelfName);
        continue;
      }
      if (!LC.capturesVariable() || LC.isPackExpansion())
        continue;
      if (const auto *BD = dyn_cast<BindingDecl>(LC.getCapturedVar())) {
        // A structured binding (C++17 cannot capture them): its value.
        std::optional<Code> Use = bindingUse(BD);
        if (!Use)
          continue;
        Code Init = Code(BD->getNameAsString() + " = ").append(*Use);
        if (LC.isExplicit())
          edit(LC.getLocation(), std::move(Init));
        else if (LC.getCaptureKind() == LCK_ByCopy)
          Implicit.append(", ").append(Init);
        else
          continue; // by reference: read where it is
        Bound.push_back(BD);
        CapturedBindings.insert(BD);
        continue;
      }
      const auto *VD = dyn_cast<VarDecl>(LC.getCapturedVar());
      if (!VD || VD->isInitCapture())
        continue;
      auto It = B.Vars.find(VD);
      if (It == B.Vars.end())
        continue;
      Var *V = It->second;
      Code Init = Code().name(V).append(" = ").append(ref(V));
      if (LC.isExplicit())
        edit(LC.getLocation(), std::move(Init));
      else if (LC.getCaptureKind() == LCK_ByCopy)
        Implicit.append(", ").append(Init);
      else
        continue; // by reference: the frame member itself, through `this`
      Copied.push_back(V);
    }
    if (!Implicit.empty()) {
      unsigned Begin, End;
      SourceLocation L = LE->getCaptureDefaultLoc();
      if (offsets(SourceRange(L, L), Begin, End))
        Edits.push_back({End, End, std::move(Implicit)});
      else
        B.error(LE->getBeginLoc(), "cosm cannot rewrite this lambda's "
                                   "captures because they are inside a macro "
                                   "expansion");
    }
    // Initializers of init-captures (`[n = x + 1]`) are code to rewrite
    // too; they are evaluated outside the lambda.
    auto Init = LE->capture_init_begin();
    for (const LambdaCapture &LC : LE->captures()) {
      if (LE->isInitCapture(&LC))
        collect(*Init);
      ++Init;
    }
    for (const Var *V : Copied)
      ++CapturedVars[V];
    collect(LE->getBody());
    for (const Var *V : Copied)
      --CapturedVars[V];
    for (const BindingDecl *BD : Bound)
      CapturedBindings.erase(BD);
  }

  /// Replaces the capture at L with Init.
  void edit(SourceLocation L, Code Init) {
    unsigned Begin, End;
    if (!offsets(SourceRange(L, L), Begin, End)) {
      B.error(L, "cosm cannot rewrite this capture because it is inside a "
                 "macro expansion");
      return;
    }
    Edits.push_back({Begin, End, std::move(Init)});
  }

  /// How the code being rendered reads V: inside a lambda that captured it,
  /// the capture; elsewhere the local, wherever Layout puts it.
  Code ref(Var *V) {
    auto It = CapturedVars.find(V);
    if (It != CapturedVars.end() && It->second > 0)
      return Code().name(V);
    return Code().use(V);
  }

  /// How a structured binding of the coroutine reads, if it is one.
  std::optional<Code> bindingUse(const BindingDecl *BD) {
    if (const VarDecl *Holding = BD->getHoldingVar())
      if (auto It = B.Vars.find(Holding); It != B.Vars.end())
        return Code().use(It->second);
    if (auto It = B.Bindings.find(BD); It != B.Bindings.end())
      return It->second;
    return std::nullopt;
  }

  Code lowerReturn(const CoreturnStmt *CR) {
    const Expr *Op = CR->getOperand();
    bool IsTask = B.C.Kind == CoroKind::Task;
    const std::string &P = B.C.BaseRef;
    std::string Exit = IsTask ? "return " + P + "cosm_final();" : "return;";
    if (!Op || CR->isImplicit())
      return Code(Exit);
    Code Out("{ " + P + "cosm_return(");
    Out.append(B.returnOperand(Op, nullptr));
    Out.append("); " + Exit + " }");
    return Out;
  }

  Builder &B;
  SourceManager &SM;
  const LangOptions &LO;
  std::vector<Edit> Edits;
  // Bindings captured by name in the lambda being rendered: its body reads
  // the capture.
  std::set<const BindingDecl *> CapturedBindings;
  // Locals captured by the lambdas being rendered (innermost counts too).
  std::map<const Var *, int> CapturedVars;
};

Code apply(llvm::StringRef Buf, unsigned Begin, unsigned End,
           std::vector<Edit> &Edits) {
  std::stable_sort(
      Edits.begin(), Edits.end(), [](const Edit &A, const Edit &B) {
        if (A.Begin != B.Begin)
          return A.Begin < B.Begin;
        return (A.End - A.Begin) < (B.End - B.Begin); // insertions first
      });
  Code Out;
  unsigned Pos = Begin;
  for (const Edit &E : Edits) {
    if (E.Begin < Pos || E.End > End)
      continue; // nested in an edit already applied, or outside the range
    Out.append(Buf.slice(Pos, E.Begin).str());
    Out.append(E.Replacement);
    Pos = E.End;
  }
  Out.append(Buf.slice(Pos, End).str());
  return Out;
}

} // namespace

Code Builder::returnOperand(const Expr *Op, std::vector<NodePtr> *Out) {
  Code C = Out ? spill(Op, *Out) : render(Op);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(ignoreImplicit(Op)))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->isLocalVarDeclOrParm() && !VD->getType()->isReferenceType() &&
          !VD->getType().isConstQualified())
        return Code("std::move(").append(C).append(")");
  return C;
}

Code Builder::render(const Stmt *S, bool WithSemi) {
  EditCollector EC(*this);
  CharSourceRange CR = Lexer::getAsCharRange(
      SM.getExpansionRange(S->getSourceRange()), SM, Ctx.getLangOpts());
  unsigned Begin = SM.getFileOffset(CR.getBegin());
  unsigned End = SM.getFileOffset(CR.getEnd());
  if (WithSemi)
    End = EC.withSemicolon(End);
  EC.collect(S);
  return apply(SM.getBufferData(SM.getMainFileID()), Begin, End, EC.Edits);
}

Code Builder::renderRange(SourceLocation B, SourceLocation E,
                          const Stmt *Within) {
  EditCollector EC(*this);
  unsigned Begin = SM.getFileOffset(SM.getExpansionLoc(B));
  unsigned End = SM.getFileOffset(SM.getExpansionLoc(E));
  if (Within)
    EC.collect(Within);
  return apply(SM.getBufferData(SM.getMainFileID()), Begin, End, EC.Edits);
}

} // namespace cosm
