//===- CallSites.cpp - Frames by value where a generator is consumed -----===//
//
// `for (int x : countdown(n))` consumes the generator in the scope that made
// it, so its frame need not live on the heap: the call becomes
// `cosm::lowered::local_generator<countdown_frame>(n)`, which holds the
// frame by value (no allocation, and a resume() the compiler can see).
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace cosm {

namespace {

class RangeForCalls : public RecursiveASTVisitor<RangeForCalls> {
public:
  RangeForCalls(ASTContext &Ctx,
                const std::map<const FunctionDecl *, std::string> &Frames,
                const std::vector<std::pair<unsigned, unsigned>> &Skip)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Frames(Frames), Skip(Skip) {}

  bool VisitCXXForRangeStmt(CXXForRangeStmt *RS) {
    const auto *Call = dyn_cast<CallExpr>(ignoreImplicit(RS->getRangeInit()));
    if (!Call || isa<CXXMemberCallExpr>(Call) || isa<CXXOperatorCallExpr>(Call))
      return true;
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      return true;
    auto It = Frames.find(FD->getFirstDecl());
    if (It == Frames.end())
      return true;
    for (const Expr *Arg : Call->arguments())
      if (isa<CXXDefaultArgExpr>(Arg))
        return true; // the frame's constructor has no default arguments
    const Expr *Callee = Call->getCallee()->IgnoreImplicit();
    SourceLocation B = Callee->getBeginLoc(), E = Callee->getEndLoc();
    if (B.isMacroID() || E.isMacroID() || !SM.isInMainFile(B))
      return true;
    unsigned Begin = SM.getFileOffset(B);
    unsigned End = SM.getFileOffset(
        Lexer::getLocForEndOfToken(E, 0, SM, Ctx.getLangOpts()));
    for (auto [SB, SE] : Skip)
      if (Begin >= SB && Begin < SE)
        return true; // inside a coroutine that is being rewritten anyway
    // The frame is emitted where the coroutine is defined: a call before
    // that (the coroutine only declared there) keeps the heap frame.
    const FunctionDecl *Def = FD->getDefinition();
    if (!Def ||
        SM.getFileOffset(SM.getExpansionLoc(Def->getBeginLoc())) > Begin)
      return true;
    Edits.push_back(
        {Begin, End, "cosm::lowered::local_generator<" + It->second + ">"});
    return true;
  }

  ASTContext &Ctx;
  SourceManager &SM;
  const std::map<const FunctionDecl *, std::string> &Frames;
  const std::vector<std::pair<unsigned, unsigned>> &Skip;
  std::vector<TextEdit> Edits;
};

} // namespace

std::vector<TextEdit>
localGeneratorCalls(ASTContext &Ctx,
                    const std::map<const FunctionDecl *, std::string> &Frames,
                    const std::vector<std::pair<unsigned, unsigned>> &Skip) {
  RangeForCalls V(Ctx, Frames, Skip);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::move(V.Edits);
}

} // namespace cosm
