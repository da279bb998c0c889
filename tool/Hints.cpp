//===- Hints.cpp - The forgotten co_await --------------------------------===//
//
// The seed's lesson: calling a coroutine without awaiting it gives you the
// coroutine object, not its value. Clang reports the type mismatch; cosm
// names the coroutine and offers the fix-it `co_await `.
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace cosm {

namespace {

/// The cosm task a call returns, if it does.
const CallExpr *taskCall(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(ignoreImplicit(E));
  if (!Call || !Call->getDirectCallee())
    return nullptr;
  const auto *RD = Call->getType()->getAsCXXRecordDecl();
  if (!RD || RD->getQualifiedNameAsString() != "cosm::task")
    return nullptr;
  return Call;
}

class ForgottenAwait : public RecursiveASTVisitor<ForgottenAwait> {
public:
  ForgottenAwait(ASTContext &Ctx, DiagnosticsEngine &Diags)
      : Ctx(Ctx), Diags(Diags) {}

  bool inMainFile(SourceLocation L) {
    return Ctx.getSourceManager().isInMainFile(
        Ctx.getSourceManager().getExpansionLoc(L));
  }

  void report(const CallExpr *Call, bool Discarded) {
    std::string Name = Call->getDirectCallee()->getNameAsString();
    unsigned ID =
        Discarded
            ? Diags.getCustomDiagID(
                  DiagnosticsEngine::Warning,
                  "the task returned by coroutine '%0' is discarded, so it "
                  "never runs; add co_await (or hand it to cosm::spawn)")
            : Diags.getCustomDiagID(
                  DiagnosticsEngine::Error,
                  "'%0' is a coroutine: calling it gives a %1, not its "
                  "value; add co_await");
    auto DB = Diags.Report(Call->getBeginLoc(), ID) << Name;
    if (!Discarded)
      DB << Call->getType().getAsString(Ctx.getPrintingPolicy());
    DB << FixItHint::CreateInsertion(Call->getBeginLoc(), "co_await ");
  }

  // A value use that did not type-check: `int x = fib(15);`.
  bool VisitRecoveryExpr(RecoveryExpr *RE) {
    if (!inMainFile(RE->getBeginLoc()))
      return true;
    for (Expr *Sub : RE->subExpressions())
      if (const CallExpr *Call = taskCall(Sub))
        report(Call, /*Discarded=*/false);
    return true;
  }

  // A statement that drops the task: `fib(15);`.
  bool VisitCompoundStmt(CompoundStmt *CS) {
    if (!inMainFile(CS->getBeginLoc()))
      return true;
    for (Stmt *S : CS->body())
      if (const auto *E = dyn_cast<Expr>(S))
        if (const CallExpr *Call = taskCall(E))
          report(Call, /*Discarded=*/true);
    return true;
  }

  ASTContext &Ctx;
  DiagnosticsEngine &Diags;
};

} // namespace

void diagnoseForgottenAwaits(ASTContext &Ctx, DiagnosticsEngine &Diags) {
  ForgottenAwait FA(Ctx, Diags);
  FA.TraverseDecl(Ctx.getTranslationUnitDecl());
}

} // namespace cosm
