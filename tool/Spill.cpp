//===- Spill.cpp - Move suspend points out of expressions ----------------===//
//
// A suspend point inside a larger expression is moved to statement level:
// the operands evaluated before it are saved in temporaries (left to right,
// except that an assignment evaluates its right side first, as C++17 says),
// `&&`, `||` and `?:` keep their short-circuit as ifs, and the expression is
// then re-rendered with each spilled part replaced by what holds its value.
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace cosm {

namespace {

/// True for the `cosm::from_t<G>` that `co_yield cosm::from(g)` yields.
bool isFromType(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  return RD->getQualifiedNameAsString() == "cosm::from_t";
}

/// An operand whose value a later suspend point cannot change: it needs no
/// temporary (keeps the output close to the input).
bool isStable(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral, FloatingLiteral, StringLiteral, CharacterLiteral,
          CXXBoolLiteralExpr, CXXNullPtrLiteralExpr, CXXThisExpr>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return !isa<VarDecl>(DRE->getDecl()) ||
           !cast<VarDecl>(DRE->getDecl())->getType()->isReferenceType();
  return false;
}

bool isAssignment(const Expr *E) {
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->isAssignmentOp();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    return OC->isAssignmentOp();
  return false;
}

/// What the user wrote after `co_yield`: Sema wraps it in a call to the
/// promise's yield_value.
const Expr *yieldOperand(const CoroutineSuspendExpr *S) {
  if (!S)
    return nullptr;
  const Expr *E = S->getOperand();
  const Expr *Core = ignoreImplicit(E);
  // In a template: co_await __promise.yield_value(x), all dependent.
  if (const auto *UO = dyn_cast<UnaryOperator>(Core);
      UO && UO->getOpcode() == UO_Coawait)
    Core = ignoreImplicit(UO->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(Core)) {
    const Expr *Callee = Call->getCallee()->IgnoreImplicit();
    std::string Name;
    if (const auto *ME = dyn_cast<MemberExpr>(Callee))
      Name = ME->getMemberNameInfo().getAsString();
    else if (const auto *DME = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
      Name = DME->getMemberNameInfo().getAsString();
    else if (const auto *UME = dyn_cast<UnresolvedMemberExpr>(Callee))
      Name = UME->getMemberNameInfo().getAsString();
    if (Name == "yield_value" && Call->getNumArgs() == 1)
      return Call->getArg(0);
  }
  return E;
}

} // namespace

Code Builder::saveTemp(const Expr *E, Code Value, std::vector<NodePtr> &Out) {
  unsigned Line = lineOf(E->getBeginLoc());
  if (E->isGLValue()) {
    Var *T = makeTemp("cosm_ref", E->getType(), /*IsRef=*/true);
    T->Line = Line;
    T->ForceHoist = true;
    Out.push_back(makeDecl(T, InitKind::Copy, std::move(Value), Code(), Line));
    Code Use = Code().use(T);
    if (E->isXValue())
      return Code("std::move(").append(Use).append(")");
    return Use;
  }
  Var *T = makeTemp("cosm_tmp", E->getType(), /*IsRef=*/false);
  T->Line = Line;
  Out.push_back(makeDecl(T, T->IsAssignable ? InitKind::Copy : InitKind::Paren,
                         std::move(Value), Code(), Line));
  if (T->IsAssignable)
    return Code().use(T);
  return Code("std::move(").use(T).append(")");
}

Code Builder::spillValue(const Expr *E, QualType T, std::vector<NodePtr> &Out,
                         bool AsCondition) {
  std::vector<NodePtr> Inner;
  Code R = spill(E, Inner);
  if (!declaresLocal(Inner)) {
    for (NodePtr &S : Inner)
      Out.push_back(std::move(S));
    return R;
  }
  unsigned Line = lineOf(E->getBeginLoc());
  Var *V = makeTemp(AsCondition ? "cosm_cond" : "cosm_value", T, false);
  V->Line = Line;
  if (AsCondition)
    R = Code("static_cast<bool>(").append(R).append(")");
  buildAtBlockEnd(V, V->IsAssignable ? InitKind::Copy : InitKind::Paren,
                  std::move(R), std::move(Inner), Line, Out);
  if (V->IsAssignable)
    return Code().use(V);
  return Code("std::move(").use(V).append(")");
}

Code Builder::emitSuspend(const Expr *S, std::vector<NodePtr> &Out,
                          bool ValueUsed) {
  unsigned Line = lineOf(S->getBeginLoc());
  const auto *DCA = dyn_cast<DependentCoawaitExpr>(S);
  const auto *CS = dyn_cast<CoroutineSuspendExpr>(S);
  const Expr *Operand = isa<CoyieldExpr>(S) ? yieldOperand(CS)
                        : DCA               ? DCA->getOperand()
                                            : CS->getOperand();
  auto Susp = std::make_unique<Node>(Node::Suspend);
  Susp->Line = Line;
  Code Result;
  if (isa<CoyieldExpr>(S) && isFromType(Operand->getType())) {
    // co_yield cosm::from(sub): the from_t (and the sub generator in it)
    // lives in the frame while the delegation runs.
    Code Init = spill(Operand, Out);
    Var *D = makeTemp("cosm_from", Operand->getType(), false);
    D->Line = Line;
    Out.push_back(makeDecl(D, InitKind::Paren, std::move(Init), Code(), Line));
    Susp->SuspendKind = Node::YieldFrom;
    Susp->Awaiter = D;
    Result = Code().use(D).append(".result()");
  } else if (isa<CoyieldExpr>(S)) {
    Susp->SuspendKind = Node::Yield;
    Susp->Text = spill(Operand, Out);
    Result = Code(C.BaseRef + "cosm_sent()");
  } else {
    Code Op = spill(Operand, Out);
    Var *A;
    if (CS && !CS->getCommonExpr()->getType()->isDependentType()) {
      A = makeTemp("cosm_awaiter", CS->getCommonExpr()->getType(), false);
    } else {
      // In a template the awaiter's type is known only per instantiation:
      // name it as what get_awaiter makes of the operand.
      A = makeTemp("cosm_awaiter", Operand->getType(), false);
      A->Type = "std::decay_t<decltype(cosm::lowered::get_awaiter(" +
                Op.declvalStr() + "))>";
      A->IsTrivial = A->IsAssignable = A->IsTrivialType = false;
      A->Size = A->Align = -1;
      A->Unsupported.clear();
    }
    A->Line = Line;
    Out.push_back(
        makeDecl(A, InitKind::Paren,
                 Code("cosm::lowered::get_awaiter(").append(Op).append(")"),
                 Code(), Line));
    Susp->SuspendKind = Node::Await;
    Susp->Awaiter = A;
    Result = Code().use(A).append(".await_resume()");
  }
  Out.push_back(std::move(Susp));
  if (!ValueUsed && !isa<CoyieldExpr>(S)) {
    // await_resume() runs even when the value is unused: it may throw.
    Out.push_back(makeCode(Result.append(";"), Line));
    return Code();
  }
  return Result;
}

Code Builder::spill(const Expr *E, std::vector<NodePtr> &Out) {
  if (!hasSuspend(E))
    return render(E);
  if (isSuspendExpr(E)) {
    Code R = emitSuspend(E, Out, /*ValueUsed=*/true);
    // The value of a prvalue suspend is consumed once, where it is used.
    return R;
  }
  unsigned Line = lineOf(E->getBeginLoc());

  // Short-circuit: `a && b` -> t = a; if (t) { b...; t = b; }
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->isLogicalOp() && hasSuspend(BO->getRHS())) {
    Code L = spill(BO->getLHS(), Out);
    Var *T = makeTemp("cosm_cond", Ctx.BoolTy, false);
    T->Line = Line;
    Out.push_back(makeDecl(T, InitKind::Copy, std::move(L), Code(), Line));
    auto If = std::make_unique<Node>(Node::If);
    If->Line = Line;
    If->Text = BO->getOpcode() == BO_LAnd ? Code().use(T) : Code("!").use(T);
    std::vector<NodePtr> Then;
    Code R = spill(BO->getRHS(), Then);
    Then.push_back(
        makeCode(Code().use(T).append(" = ").append(R).append(";"), Line));
    auto B = std::make_unique<Node>(Node::Block);
    B->Body = std::move(Then);
    If->Then = std::move(B);
    Out.push_back(std::move(If));
    return Code().use(T);
  }

  // `c ? a : b` with a suspend point in an arm: an if/else that stores the
  // chosen arm's value.
  if (const auto *CO = dyn_cast<ConditionalOperator>(E);
      CO && (hasSuspend(CO->getTrueExpr()) || hasSuspend(CO->getFalseExpr()))) {
    // `(a == b) ? x : y` becomes `if (a == b)`: the parentheses around a
    // comparison would draw -Wparentheses-equality there (those around an
    // assignment stay: they say it is meant).
    const Expr *CondExpr = CO->getCond();
    if (const auto *PE = dyn_cast<ParenExpr>(CondExpr)) {
      const auto *BO = dyn_cast<BinaryOperator>(PE->getSubExpr());
      const auto *OC = dyn_cast<CXXOperatorCallExpr>(PE->getSubExpr());
      if (!(BO && BO->isAssignmentOp()) && !(OC && OC->isAssignmentOp()))
        CondExpr = PE->getSubExpr();
    }
    Code Cond = spill(CondExpr, Out);
    bool IsRef = CO->isGLValue();
    Var *T = makeTemp("cosm_choice", CO->getType(), IsRef);
    T->Line = Line;
    if (!IsRef && !T->IsAssignable) {
      error(CO->getBeginLoc(), "cosm supports a suspend point inside `?:` "
                               "only when the result is a reference or a "
                               "scalar; use if/else");
      return Code();
    }
    T->ForceHoist = true;
    Out.push_back(makeDecl(T, InitKind::None, Code(), Code(), Line));
    auto Arm = [&](const Expr *X) {
      std::vector<NodePtr> Stmts;
      Code R = spill(X, Stmts);
      Code Assign = Code().name(T).append(" = ");
      if (IsRef)
        Assign.append("std::addressof(").append(R).append(")");
      else
        Assign.append(R);
      Stmts.push_back(makeCode(Assign.append(";"), Line));
      auto B = std::make_unique<Node>(Node::Block);
      B->Body = std::move(Stmts);
      return B;
    };
    auto If = std::make_unique<Node>(Node::If);
    If->Line = Line;
    If->Text = std::move(Cond);
    If->Then = Arm(CO->getTrueExpr());
    If->Else = Arm(CO->getFalseExpr());
    Out.push_back(std::move(If));
    Code Use = Code().use(T);
    if (CO->isXValue())
      return Code("std::move(").append(Use).append(")");
    return Use;
  }

  // The comma operator: the left side is a statement of its own.
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Comma) {
    Code L = spill(BO->getLHS(), Out);
    Out.push_back(makeCode(L.append(";"), Line));
    return spill(BO->getRHS(), Out);
  }

  // Everything else: operands in evaluation order. Those evaluated before
  // the last suspend point are saved, so the suspend cannot change them.
  std::vector<const Expr *> Kids;
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      Kids.push_back(CE);
  if (isAssignment(E) && Kids.size() >= 2) {
    // C++17: the right operand of an assignment is sequenced first.
    size_t N = Kids.size();
    std::swap(Kids[N - 2], Kids[N - 1]);
  }
  int Last = -1;
  for (size_t I = 0; I < Kids.size(); ++I)
    if (hasSuspend(Kids[I]))
      Last = static_cast<int>(I);
  for (int I = 0; I < Last; ++I) {
    const Expr *K = Kids[I];
    // A member call's callee: save the object, not the bound member.
    if (const auto *ME = dyn_cast<MemberExpr>(K->IgnoreParenImpCasts()))
      K = ME->getBase();
    if (isStable(K) && !hasSuspend(K))
      continue;
    if (K->getType()->isFunctionType() || K->getType()->isVoidType())
      continue;
    Code V = spill(K, Out);
    Substitutions[K] = saveTemp(K, std::move(V), Out);
  }
  if (Last < 0) {
    // The suspend point is not among the children Clang shows (an unusual
    // dependent form): refuse rather than emit it unlowered.
    error(E->getBeginLoc(), std::string("cosm cannot lower a suspend point "
                                        "inside this expression (") +
                                E->getStmtClassName() + ")");
    return Code();
  }
  Substitutions[Kids[Last]] = spill(Kids[Last], Out);
  return render(E);
}

} // namespace cosm
