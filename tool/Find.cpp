//===- Find.cpp - Find the coroutines to lower ---------------------------===//
//
// A function is lowered when its body is a coroutine and its return type is
// cosm::generator or cosm::task: the return type is the annotation. Other
// coroutines in the file are copied through untouched.
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace cosm {

void reportError(DiagnosticsEngine &Diags, SourceLocation Loc,
                 llvm::StringRef Msg) {
  unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0");
  Diags.Report(Loc, ID) << Msg;
}

std::string typeText(QualType T, const ASTContext &Ctx) {
  // `auto` prints as what it was deduced to.
  if (const auto *AT = T->getAs<AutoType>())
    if (!AT->getDeducedType().isNull())
      T = Ctx.getQualifiedType(AT->getDeducedType(), T.getLocalQualifiers());
  PrintingPolicy PP(Ctx.getLangOpts());
  // Undeduced `auto` (a dependent initializer) has nothing to qualify, and
  // getFullyQualifiedName does not expect it.
  if (T->isUndeducedType())
    return T.getAsString(PP);
  PP.SuppressTagKeyword = true;
  PP.FullyQualifiedName = true;
  PP.SuppressUnwrittenScope = true;
  PP.PrintCanonicalTypes = false;
  std::string S = TypeName::getFullyQualifiedName(T, Ctx, PP,
                                                  /*WithGlobalNsPrefix=*/false);
  // Sugar that does not survive printing (member typedefs of templates,
  // template arguments written unqualified, unnamed types) falls back to the
  // canonical spelling, which is always fully qualified.
  if (!T->isDependentType() && (S.find('<') != std::string::npos ||
                                S.find("typename ") != std::string::npos ||
                                S.find("type-parameter") != std::string::npos ||
                                S.find("(anonymous") != std::string::npos ||
                                S.find("::__") != std::string::npos))
    S = T.getCanonicalType().getAsString(PP);
  return S;
}

namespace {

/// The cosm template a type names (generator or task), with its arguments.
bool classifyReturnType(QualType T, const ASTContext &Ctx, CoroKind &Kind,
                        std::vector<std::string> &Args) {
  const TemplateDecl *TD = nullptr;
  llvm::ArrayRef<TemplateArgument> TArgs;
  T = T.getNonReferenceType();
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    TD = TST->getTemplateName().getAsTemplateDecl();
    TArgs = TST->template_arguments();
  }
  if (!TD) {
    if (const auto *RD = T->getAsCXXRecordDecl())
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
        TD = Spec->getSpecializedTemplate();
        TArgs = Spec->getTemplateArgs().asArray();
      }
  }
  if (!TD)
    return false;
  std::string Name = TD->getQualifiedNameAsString();
  unsigned Arity;
  if (Name == "cosm::generator") {
    Kind = CoroKind::Generator;
    Arity = 3;
  } else if (Name == "cosm::task") {
    Kind = CoroKind::Task;
    Arity = 1;
  } else {
    return false;
  }
  Args.clear();
  for (const TemplateArgument &A : TArgs)
    if (A.getKind() == TemplateArgument::Type)
      Args.push_back(typeText(A.getAsType(), Ctx));
  while (Args.size() < Arity)
    Args.push_back("void");
  return true;
}

class Finder : public RecursiveASTVisitor<Finder> {
public:
  Finder(ASTContext &Ctx, DiagnosticsEngine &Diags) : Ctx(Ctx), Diags(Diags) {}
  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isTemplateInstantiation())
      return true;
    if (!Ctx.getSourceManager().isInMainFile(
            Ctx.getSourceManager().getExpansionLoc(FD->getLocation())))
      return true;
    Stmt *Body = FD->getBody();
    if (!isa<CoroutineBodyStmt>(Body) && !hasSuspendOrReturn(Body))
      return true;
    FoundCoroutine F;
    if (!classifyReturnType(FD->getReturnType(), Ctx, F.Kind, F.TypeArgs))
      return true;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      if (MD->getParent()->isLambda())
        return true; // reported by VisitLambdaExpr
    F.FD = FD;
    Found.push_back(F);
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *LE) {
    const CXXMethodDecl *Op = LE->getCallOperator();
    FoundCoroutine F;
    if (!Op || !Op->getBody() ||
        !(isa<CoroutineBodyStmt>(Op->getBody()) ||
          hasSuspendOrReturn(Op->getBody())) ||
        !classifyReturnType(Op->getReturnType(), Ctx, F.Kind, F.TypeArgs))
      return true;
    SourceManager &SM = Ctx.getSourceManager();
    if (!SM.isInMainFile(SM.getExpansionLoc(LE->getBeginLoc())))
      return true;
    if (LE->isGenericLambda()) {
      reportError(Diags, LE->getBeginLoc(),
                  "generic coroutine lambdas are not supported by cosm; give "
                  "the parameters types, or write a function template");
      return true;
    }
    for (const LambdaCapture &LC : LE->captures()) {
      SourceLocation Loc =
          LC.getLocation().isValid() ? LC.getLocation() : LE->getBeginLoc();
      if (LC.getCaptureKind() == LCK_StarThis) {
        reportError(Diags, Loc,
                    "a coroutine lambda that captures *this by copy is not "
                    "supported by cosm; capture this");
        return true;
      }
      if (LC.capturesVLAType() || LC.isPackExpansion() ||
          (LC.capturesVariable() && !isa<VarDecl>(LC.getCapturedVar()))) {
        reportError(Diags, Loc,
                    "cosm cannot pass this capture to a coroutine lambda's "
                    "frame; capture a variable by name");
        return true;
      }
    }
    F.FD = Op;
    F.Lambda = LE;
    Found.push_back(F);
    return true;
  }

  // A dependent coroutine may not have a CoroutineBodyStmt yet.
  static bool hasSuspendOrReturn(const Stmt *S) {
    if (!S)
      return false;
    if (isa<CoroutineSuspendExpr, CoreturnStmt, DependentCoawaitExpr>(S))
      return true;
    if (isa<LambdaExpr>(S))
      return false;
    for (const Stmt *C : S->children())
      if (hasSuspendOrReturn(C))
        return true;
    return false;
  }

  ASTContext &Ctx;
  DiagnosticsEngine &Diags;
  std::vector<FoundCoroutine> Found;
};

} // namespace

std::vector<FoundCoroutine> findCoroutines(ASTContext &Ctx,
                                           DiagnosticsEngine &Diags) {
  Finder Fi(Ctx, Diags);
  Fi.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::move(Fi.Found);
}

} // namespace cosm
