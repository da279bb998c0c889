//===- Check.cpp - Reject what the lowering cannot express ---------------===//
//
// Every construct outside the supported subset is an error at its location
// naming the construct: never silently wrong output.
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtVisitor.h"

using namespace clang;

namespace cosm {

bool hasSuspend(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CoroutineSuspendExpr, DependentCoawaitExpr>(S))
    return true;
  if (isa<LambdaExpr>(S))
    return false;
  for (const Stmt *C : S->children())
    if (hasSuspend(C))
      return true;
  return false;
}

namespace {

class Checker {
public:
  Checker(ASTContext &Ctx, DiagnosticsEngine &Diags) : Ctx(Ctx), Diags(Diags) {}

  void error(SourceLocation L, const llvm::Twine &Msg) {
    reportError(Diags, L, Msg.str());
    Ok = false;
  }

  void walk(const Stmt *S, std::vector<const Stmt *> &Path) {
    if (!S)
      return;
    if (isa<LambdaExpr>(S))
      return;
    Path.push_back(S);
    if (const auto *G = dyn_cast<GotoStmt>(S))
      Gotos.push_back({G, Path});
    if (const auto *L = dyn_cast<LabelStmt>(S))
      Labels[L->getDecl()] = Path;
    if (isa<IndirectGotoStmt>(S) && hasSuspend(Root))
      error(S->getBeginLoc(),
            "computed goto in a coroutine is not supported by cosm");
    if (isa<CoroutineSuspendExpr>(S) && S->getBeginLoc().isMacroID())
      error(S->getBeginLoc(), "a suspend point inside a macro expansion is not "
                              "supported by cosm; expand the macro by hand");
    if (isa<GCCAsmStmt, MSAsmStmt>(S) && hasSuspend(Root))
      error(S->getBeginLoc(), "inline assembly in a coroutine is not supported "
                              "by cosm");
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D)) {
          if (VD->isStaticLocal() || VD->getTLSKind())
            continue;
          if (VD->getType()->isVariableArrayType())
            error(VD->getLocation(),
                  "variable-length arrays are not supported by cosm");
        }
    for (const Stmt *C : S->children())
      walk(C, Path);
    Path.pop_back();
  }

  bool run(const FunctionDecl *FD) {
    const Stmt *Body = FD->getBody();
    if (const auto *CB = dyn_cast<CoroutineBodyStmt>(Body))
      Body = CB->getBody();
    // A function-try-block: Sema wraps it in an implicit compound statement.
    if (const auto *CS = dyn_cast<CompoundStmt>(Body);
        CS && CS->getLBracLoc().isInvalid() && CS->size() == 1)
      Body = CS->body_front();
    if (isa<CXXTryStmt>(Body)) {
      error(Body->getBeginLoc(),
            "a function-try-block on a coroutine is not supported by cosm");
      return false;
    }
    Root = Body;
    std::vector<const Stmt *> Path;
    walk(Body, Path);
    // A goto may not cross a suspend point: the statement that holds both
    // the goto and its label must be free of suspend points.
    for (auto &[G, GPath] : Gotos) {
      auto It = Labels.find(G->getLabel());
      if (It == Labels.end())
        continue;
      const std::vector<const Stmt *> &LPath = It->second;
      size_t I = 0;
      while (I < GPath.size() && I < LPath.size() && GPath[I] == LPath[I])
        ++I;
      const Stmt *Common = I ? GPath[I - 1] : Root;
      if (hasSuspend(Common))
        error(G->getGotoLoc(), "goto across a suspend point is not supported "
                               "by cosm; use a loop, break or continue");
    }
    return Ok;
  }

  ASTContext &Ctx;
  DiagnosticsEngine &Diags;
  const Stmt *Root = nullptr;
  bool Ok = true;
  std::vector<std::pair<const GotoStmt *, std::vector<const Stmt *>>> Gotos;
  llvm::DenseMap<const LabelDecl *, std::vector<const Stmt *>> Labels;
};

} // namespace

bool checkCoroutine(const FoundCoroutine &F, ASTContext &Ctx,
                    DiagnosticsEngine &Diags) {
  if (F.FD->isVariadic()) {
    reportError(Diags, F.FD->getLocation(),
                "variadic coroutines are not supported by cosm");
    return false;
  }
  Checker Ch(Ctx, Diags);
  return Ch.run(F.FD);
}

} // namespace cosm
