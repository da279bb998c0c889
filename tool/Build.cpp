//===- Build.cpp - Statements of a coroutine body into the cosm IR -------===//
//
// Statements without a suspend point are copied as written (CodeStmt).
// Statements that contain one become structured IR: blocks, ifs, loops,
// switches and trys stay what they were; a condition or increment with a
// suspend point turns its loop into `for (;;)` with an explicit break, and a
// range-for is desugared so its range and iterators can live in the frame.
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"
#include <set>

using namespace clang;

namespace cosm {

const Expr *ignoreImplicit(const Expr *E) {
  while (true) {
    const Expr *Next = E->IgnoreImplicit();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BT->getSubExpr();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Next))
      if (CE->getNumArgs() == 1 && CE->isElidable())
        Next = CE->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
}

Builder::Builder(const FoundCoroutine &F, ASTContext &Ctx,
                 DiagnosticsEngine &Diags, Coroutine &C)
    : F(F), Ctx(Ctx), SM(Ctx.getSourceManager()), Diags(Diags), C(C) {}

void Builder::error(SourceLocation Loc, llvm::StringRef Msg) {
  reportError(Diags, Loc, Msg);
  Failed = true;
}

NodePtr Builder::makeCode(Code Text, unsigned Line) {
  auto S = std::make_unique<Node>(Node::CodeStmt);
  S->Text = std::move(Text);
  S->Line = Line;
  return S;
}

NodePtr Builder::makeDecl(Var *V, InitKind Init, Code InitText, Code Original,
                          unsigned Line) {
  auto S = std::make_unique<Node>(Node::Decl);
  S->V = V;
  S->Init = Init;
  S->Text = std::move(InitText);
  S->Original = std::move(Original);
  S->Line = Line;
  return S;
}

void Builder::buildAtBlockEnd(Var *V, InitKind Kind, Code Init,
                              std::vector<NodePtr> Inner, unsigned Line,
                              std::vector<NodePtr> &Out) {
  V->ForceHoist = true;
  NodePtr D = makeDecl(V, Kind, std::move(Init), Code(), Line);
  D->DeferGuard = true;
  Inner.push_back(std::move(D));
  auto B = std::make_unique<Node>(Node::Block);
  B->Line = Line;
  B->Body = std::move(Inner);
  Out.push_back(std::move(B));
  auto G = std::make_unique<Node>(Node::Guard);
  G->V = V;
  G->Line = Line;
  Out.push_back(std::move(G));
}

void Builder::loopTest(const VarDecl *CondVar, const Expr *Cond, unsigned Line,
                       std::vector<NodePtr> &Out) {
  Code Test;
  if (CondVar) {
    buildVarDecl(CondVar, nullptr, Out);
    Test.use(Vars[CondVar]);
  } else {
    Test = spillValue(Cond, Ctx.BoolTy, Out, /*AsCondition=*/true);
  }
  Out.push_back(
      makeCode(Code("if (!(").append(Test).append(")) break;"), Line));
}

NodePtr Builder::continueLabel(int N) {
  auto Lab = std::make_unique<Node>(Node::Label);
  Lab->Text = Code("cosm_continue_" + std::to_string(N) + ":;");
  Lab->ContinueLabel = N;
  return Lab;
}

NodePtr Builder::build(const Stmt *S) {
  std::vector<NodePtr> Out;
  buildInto(S, Out);
  if (Out.size() == 1 && Out[0]->Kind != Node::Decl)
    return std::move(Out[0]);
  auto B = std::make_unique<Node>(Node::Block);
  B->Line = lineOf(S->getBeginLoc());
  B->Body = std::move(Out);
  return B;
}

namespace {

/// Wraps statements in a block when more than one came out, so that the
/// temporaries of one statement stay in that statement's scope.
NodePtr asOne(std::vector<NodePtr> Out, unsigned Line) {
  if (Out.size() == 1 && Out[0]->Kind != Node::Decl)
    return std::move(Out[0]);
  auto B = std::make_unique<Node>(Node::Block);
  B->Line = Line;
  B->Body = std::move(Out);
  return B;
}

} // namespace

void Builder::buildInto(const Stmt *S, std::vector<NodePtr> &Out) {
  if (!S)
    return;
  unsigned Line = lineOf(S->getBeginLoc());

  // Labels of the user's switch stay where they are.
  if (const auto *CS = dyn_cast<CaseStmt>(S)) {
    auto L = std::make_unique<Node>(Node::Label);
    std::string Text = "case " + sourceText(CS->getLHS()->getSourceRange());
    if (CS->getRHS())
      Text += " ... " + sourceText(CS->getRHS()->getSourceRange());
    L->Text = Code(Text + ":");
    L->Line = Line;
    Out.push_back(std::move(L));
    buildInto(CS->getSubStmt(), Out);
    return;
  }
  if (const auto *DS = dyn_cast<DefaultStmt>(S)) {
    auto L = std::make_unique<Node>(Node::Label);
    L->Text = Code("default:");
    L->Line = Line;
    Out.push_back(std::move(L));
    buildInto(DS->getSubStmt(), Out);
    return;
  }
  if (const auto *AS = dyn_cast<AttributedStmt>(S); AS && hasSuspend(AS)) {
    buildInto(AS->getSubStmt(), Out); // [[likely]] and friends: dropped
    return;
  }
  if (const auto *LS = dyn_cast<LabelStmt>(S)) {
    if (hasSuspend(LS)) {
      auto L = std::make_unique<Node>(Node::Label);
      L->Text = Code(std::string(LS->getName()) + ":;");
      L->Line = Line;
      Out.push_back(std::move(L));
      buildInto(LS->getSubStmt(), Out);
      return;
    }
  }

  // Declarations always become Decl nodes: Layout decides whether the local
  // lives in the frame.
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    bool Single = DS->isSingleDecl();
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || VD->isStaticLocal() || VD->hasExternalStorage() ||
          VD->getTLSKind()) {
        if (Single)
          Out.push_back(makeCode(render(S, true), Line));
        else
          error(D->getLocation(), "cosm lowers a declaration statement with "
                                  "several declarators only if each declares "
                                  "a local variable; split it");
        continue;
      }
      buildVarDecl(VD, Single ? DS : nullptr, Out);
    }
    return;
  }

  if (!hasSuspend(S)) {
    Out.push_back(makeCode(render(S, /*WithSemi=*/true), Line));
    return;
  }

  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    auto B = std::make_unique<Node>(Node::Block);
    B->Line = Line;
    for (const Stmt *Child : CS->body())
      buildInto(Child, B->Body);
    Out.push_back(std::move(B));
    return;
  }

  if (const auto *E = dyn_cast<Expr>(S)) {
    std::vector<NodePtr> Stmts;
    const Expr *Core = ignoreImplicit(E);
    if (const auto *CV = dyn_cast<CStyleCastExpr>(Core))
      if (CV->getType()->isVoidType())
        Core = ignoreImplicit(CV->getSubExpr());
    if (isSuspendExpr(Core)) {
      emitSuspend(Core, Stmts, /*ValueUsed=*/false);
    } else {
      Code R = spill(E, Stmts);
      Stmts.push_back(makeCode(R.append(";"), Line));
    }
    Out.push_back(asOne(std::move(Stmts), Line));
    return;
  }

  if (const auto *IS = dyn_cast<IfStmt>(S)) {
    std::vector<NodePtr> Scope;
    auto If = std::make_unique<Node>(Node::If);
    If->Line = Line;
    If->IsConstexpr = IS->isConstexpr();
    if (IS->getInit())
      buildInto(IS->getInit(), Scope);
    if (const VarDecl *CV = IS->getConditionVariable()) {
      buildVarDecl(CV, nullptr, Scope);
      If->Text = Code().use(Vars[CV]);
    } else {
      If->Text = spillValue(IS->getCond(), Ctx.BoolTy, Scope, true);
    }
    If->Then = build(IS->getThen());
    if (IS->getElse())
      If->Else = build(IS->getElse());
    Scope.push_back(std::move(If));
    Out.push_back(asOne(std::move(Scope), Line));
    return;
  }

  if (const auto *WS = dyn_cast<WhileStmt>(S)) {
    auto L = std::make_unique<Node>(Node::Loop);
    L->Line = Line;
    if (!WS->getConditionVariable() && !hasSuspend(WS->getCond())) {
      L->HasCond = true;
      L->Text = render(WS->getCond());
      L->Then = build(WS->getBody());
    } else {
      // for (;;) { cond...; if (!(cond)) break; body }
      auto B = std::make_unique<Node>(Node::Block);
      B->Line = Line;
      loopTest(WS->getConditionVariable(), WS->getCond(), Line, B->Body);
      buildInto(WS->getBody(), B->Body);
      L->Then = std::move(B);
    }
    Out.push_back(std::move(L));
    return;
  }

  if (const auto *DS = dyn_cast<DoStmt>(S)) {
    auto L = std::make_unique<Node>(Node::Loop);
    L->Line = Line;
    if (!hasSuspend(DS->getCond())) {
      L->IsDoWhile = true;
      L->HasCond = true;
      L->Text = render(DS->getCond());
      L->Then = build(DS->getBody());
    } else {
      // for (;;) { body; cosm_continue_N:; cond...; if (!(cond)) break; }
      int N = NextLabel++;
      ContinueLabels[DS] = N;
      auto B = std::make_unique<Node>(Node::Block);
      B->Line = Line;
      B->Body.push_back(build(DS->getBody()));
      B->Body.push_back(continueLabel(N));
      loopTest(nullptr, DS->getCond(), Line, B->Body);
      L->Then = std::move(B);
    }
    Out.push_back(std::move(L));
    return;
  }

  if (const auto *FS = dyn_cast<ForStmt>(S)) {
    std::vector<NodePtr> Scope;
    if (FS->getInit())
      buildInto(FS->getInit(), Scope);
    auto L = std::make_unique<Node>(Node::Loop);
    L->Line = Line;
    bool CondSuspends = FS->getConditionVariable() || hasSuspend(FS->getCond());
    bool IncSuspends = hasSuspend(FS->getInc());
    if (!CondSuspends && !IncSuspends) {
      L->HasCond = FS->getCond() != nullptr;
      if (FS->getCond())
        L->Text = render(FS->getCond());
      if (FS->getInc())
        L->Inc = render(FS->getInc());
      L->Then = build(FS->getBody());
    } else {
      int N = NextLabel++;
      if (FS->getInc())
        ContinueLabels[FS] = N;
      auto B = std::make_unique<Node>(Node::Block);
      B->Line = Line;
      if (FS->getCond())
        loopTest(FS->getConditionVariable(), FS->getCond(), Line, B->Body);
      B->Body.push_back(build(FS->getBody()));
      if (FS->getInc()) {
        B->Body.push_back(continueLabel(N));
        std::vector<NodePtr> Inc;
        Code R = spill(FS->getInc(), Inc);
        Inc.push_back(makeCode(R.append(";"), Line));
        B->Body.push_back(asOne(std::move(Inc), Line));
      }
      L->Then = std::move(B);
    }
    Scope.push_back(std::move(L));
    Out.push_back(asOne(std::move(Scope), Line));
    return;
  }

  if (const auto *RS = dyn_cast<CXXForRangeStmt>(S)) {
    buildRangeFor(RS, Out);
    return;
  }

  if (const auto *SS = dyn_cast<SwitchStmt>(S)) {
    std::vector<NodePtr> Scope;
    if (SS->getInit())
      buildInto(SS->getInit(), Scope);
    auto Sw = std::make_unique<Node>(Node::Switch);
    Sw->Line = Line;
    if (const VarDecl *CV = SS->getConditionVariable()) {
      buildVarDecl(CV, nullptr, Scope);
      Sw->Text = Code().use(Vars[CV]);
    } else {
      Sw->Text =
          spillValue(SS->getCond(), SS->getCond()->getType(), Scope, false);
    }
    Sw->Body.push_back(build(SS->getBody()));
    Scope.push_back(std::move(Sw));
    Out.push_back(asOne(std::move(Scope), Line));
    return;
  }

  if (const auto *TS = dyn_cast<CXXTryStmt>(S)) {
    auto T = std::make_unique<Node>(Node::Try);
    T->Line = Line;
    T->Body.push_back(build(TS->getTryBlock()));
    for (unsigned I = 0; I < TS->getNumHandlers(); ++I) {
      const CXXCatchStmt *H = TS->getHandler(I);
      if (hasSuspend(H)) {
        error(H->getBeginLoc(), "a suspend point inside a catch handler");
        continue;
      }
      T->Handlers.push_back(render(H));
    }
    Out.push_back(std::move(T));
    return;
  }

  if (const auto *CR = dyn_cast<CoreturnStmt>(S)) {
    std::vector<NodePtr> Stmts;
    auto R = std::make_unique<Node>(Node::Return);
    R->Line = Line;
    if (CR->getOperand() && !CR->isImplicit()) {
      R->HasValue = true;
      R->Text = returnOperand(CR->getOperand(), &Stmts);
    }
    Stmts.push_back(std::move(R));
    Out.push_back(asOne(std::move(Stmts), Line));
    return;
  }

  error(S->getBeginLoc(), std::string("cosm does not support a suspend point "
                                      "inside this kind of statement (") +
                              S->getStmtClassName() + ")");
}

void Builder::buildRangeFor(const CXXForRangeStmt *RS,
                            std::vector<NodePtr> &Out) {
  unsigned Line = lineOf(RS->getBeginLoc());
  std::vector<NodePtr> Scope;
  if (RS->getInit())
    buildInto(RS->getInit(), Scope);
  const Expr *RangeInit = RS->getRangeInit();
  std::vector<NodePtr> Pre;
  Code RangeText =
      hasSuspend(RangeInit) ? spill(RangeInit, Scope) : render(RangeInit);
  // The range: a reference to an lvalue, or the temporary itself.
  bool RangeIsRef = RangeInit->isLValue();
  Var *Range = makeTemp("cosm_range", RangeInit->getType(), RangeIsRef);
  Range->Line = Line;
  Scope.push_back(makeDecl(Range, RangeIsRef ? InitKind::Copy : InitKind::Paren,
                           RangeText, Code(), Line));

  const VarDecl *BeginVD =
      RS->getBeginStmt() ? cast<VarDecl>(RS->getBeginStmt()->getSingleDecl())
                         : nullptr;
  const VarDecl *EndVD = RS->getEndStmt()
                             ? cast<VarDecl>(RS->getEndStmt()->getSingleDecl())
                             : nullptr;
  // In a template the range's type may be dependent: Sema has not picked
  // begin/end yet, so the frame asks the runtime (which applies the same
  // rules: arrays, then member begin/end, then ADL) and names the iterator
  // type with decltype.
  bool Dependent = !BeginVD || !EndVD;
  if (Dependent &&
      RangeInit->getType()->isSpecificBuiltinType(BuiltinType::Dependent)) {
    error(
        RS->getBeginLoc(),
        "cosm cannot name the type of this dependent range, which a range-for "
        "with a suspend point keeps in the frame; declare it as a local of "
        "a spelled type first");
    return;
  }
  Var *Begin, *End;
  if (Dependent) {
    Begin = makeTemp("cosm_begin", Ctx.DependentTy, false);
    End = makeTemp("cosm_end", Ctx.DependentTy, false);
    for (auto [V, Which] : {std::pair{Begin, "begin"}, {End, "end"}}) {
      V->Type = std::string("decltype(cosm::lowered::range_") + Which +
                "(std::declval<std::add_lvalue_reference_t<" + Range->Type +
                ">>()))";
      V->Unsupported.clear();
    }
  } else {
    Begin = makeTemp("cosm_begin", BeginVD->getType(), false);
    End = makeTemp("cosm_end", EndVD->getType(), false);
  }
  Begin->Line = End->Line = Line;
  auto Call = [&](const VarDecl *VD, const char *Member) {
    if (Dependent)
      return Code(std::string("cosm::lowered::range_") + Member + "(")
          .use(Range)
          .append(")");
    Code C;
    const Expr *I = ignoreImplicit(VD->getInit());
    QualType RT = RangeInit->getType();
    if (RT->isArrayType()) {
      C.use(Range);
      if (std::string(Member) == "end") {
        const auto *CAT = Ctx.getAsConstantArrayType(RT);
        C.append(" + " +
                 std::to_string(CAT ? CAT->getSize().getZExtValue() : 0));
      }
    } else if (isa<CXXMemberCallExpr>(I)) {
      C.use(Range).append(std::string(".") + Member + "()");
    } else {
      C.append(std::string(Member) + "(").use(Range).append(")");
    }
    return C;
  };
  Scope.push_back(
      makeDecl(Begin, InitKind::Copy, Call(BeginVD, "begin"), Code(), Line));
  Scope.push_back(
      makeDecl(End, InitKind::Copy, Call(EndVD, "end"), Code(), Line));

  auto L = std::make_unique<Node>(Node::Loop);
  L->Line = Line;
  L->HasCond = true;
  L->Text = Code().use(Begin).append(" != ").use(End);
  L->Inc = Code("++").use(Begin);
  auto Body = std::make_unique<Node>(Node::Block);
  Body->Line = lineOf(RS->getBody()->getBeginLoc());
  const VarDecl *LV = RS->getLoopVariable();
  Var *LoopVar = declare(LV);
  Code Deref = Code("*").use(Begin);
  if (isDependentAuto(LV->getType()))
    deduceFromInit(LV, LoopVar, Deref, InitKind::Copy);
  std::string Written =
      sourceText(LV->getTypeSourceInfo()->getTypeLoc().getSourceRange());
  std::string Declarator = LV->getNameAsString();
  if (const auto *DD = dyn_cast<DecompositionDecl>(LV)) {
    Declarator = "[";
    for (const BindingDecl *BD : DD->bindings())
      Declarator += (Declarator.size() > 1 ? ", " : "") + BD->getNameAsString();
    Declarator += "]";
  }
  Code Original =
      Code(Written + " " + Declarator + " = ").append(Deref).append(";");
  Body->Body.push_back(makeDecl(LoopVar, InitKind::Copy, Deref,
                                std::move(Original),
                                lineOf(LV->getLocation())));
  if (const auto *DD = dyn_cast<DecompositionDecl>(LV))
    declareBindings(DD, Body->Body);
  buildInto(RS->getBody(), Body->Body);
  L->Then = std::move(Body);
  Scope.push_back(std::move(L));
  Out.push_back(asOne(std::move(Scope), Line));
}

namespace {

/// Records which loop each `continue` belongs to, and the unqualified names
/// the body uses that are not its own locals.
class BodyScan {
public:
  BodyScan(Builder &B) : B(B) {}
  void walk(const Stmt *S) {
    if (!S)
      return;
    bool IsLoop = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
    if (IsLoop)
      Loops.push_back(S);
    if (const auto *CS = dyn_cast<ContinueStmt>(S))
      if (!Loops.empty())
        B.ContinueTargets[CS] = Loops.back();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (!DRE->hasQualifier() && !isa<VarDecl, BindingDecl>(DRE->getDecl()) ||
          (isa<VarDecl>(DRE->getDecl()) &&
           !cast<VarDecl>(DRE->getDecl())->isLocalVarDeclOrParm()))
        Names.insert(DRE->getNameInfo().getAsString());
    if (const auto *VD = dyn_cast<DeclStmt>(S))
      for (const Decl *D : VD->decls())
        if (const auto *ND = dyn_cast<NamedDecl>(D))
          if (ND->getName() == "self")
            Names.insert("self");
    if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      std::vector<const Stmt *> Saved;
      Saved.swap(Loops);
      walk(LE->getBody());
      Saved.swap(Loops);
    } else {
      for (const Stmt *C : S->children())
        walk(C);
    }
    if (IsLoop)
      Loops.pop_back();
  }
  Builder &B;
  std::vector<const Stmt *> Loops;
  std::set<std::string> Names;
};

/// `template <class T, int N>` without default arguments, and `<T, N>`.
void templateHead(const TemplateParameterList *TPL, Builder &B,
                  std::string &Head, std::string &Args) {
  Head = "template <";
  Args = "<";
  for (unsigned I = 0; I < TPL->size(); ++I) {
    const NamedDecl *P = TPL->getParam(I);
    std::string Name = P->getNameAsString();
    if (Name.empty()) {
      B.error(P->getLocation(),
              "cosm needs every template parameter of a coroutine named");
      Name = "cosm_unnamed_" + std::to_string(I);
    }
    std::string Pack = P->isParameterPack() ? "..." : "";
    if (I) {
      Head += ", ";
      Args += ", ";
    }
    if (const auto *NT = dyn_cast<NonTypeTemplateParmDecl>(P)) {
      Head += typeText(NT->getType(), B.Ctx) + Pack + " " + Name;
    } else if (isa<TemplateTypeParmDecl>(P)) {
      Head += "class" + Pack + " " + Name;
    } else {
      B.error(P->getLocation(), "cosm does not support template template "
                                "parameters on coroutines");
    }
    Args += Name + Pack;
  }
  Head += ">";
  Args += ">";
}

} // namespace

bool Builder::run() {
  const FunctionDecl *FD = F.FD;
  const auto *MD = F.Lambda ? nullptr : dyn_cast<CXXMethodDecl>(FD);
  IsInstanceMethod = MD && MD->isInstance();
  C.Kind = F.Kind;
  C.Name = F.Lambda ? "lambda" : FD->getNameAsString();
  C.Line = lineOf(FD->getLocation());
  C.SourceFile = SM.getFilename(SM.getExpansionLoc(FD->getLocation())).str();
  if (F.Kind == CoroKind::Generator) {
    C.BaseType = "cosm::lowered::generator_frame<" + F.TypeArgs[0] + ", " +
                 F.TypeArgs[1] + ", " + F.TypeArgs[2] + ">";
    C.MakeFunction = "cosm::lowered::make_generator";
  } else {
    C.BaseType = "cosm::lowered::task_frame<" + F.TypeArgs[0] + ">";
    C.MakeFunction = "cosm::lowered::make_task";
  }
  // A method defined outside its class: the class is complete there, but
  // only a class local to the body may reach its private members.
  C.FrameInBody = MD && MD->isOutOfLine();
  C.IsMember = MD != nullptr && !C.FrameInBody;
  if (C.IsMember && !MD->getParent()->isDependentContext()) {
    // The frame needs the complete class: declare it and the method in the
    // class, define both after the class.
    C.IsOutOfClass = true;
    for (const DeclContext *DC = MD->getParent(); isa<CXXRecordDecl>(DC);
         DC = DC->getParent())
      C.QualifierPrefix =
          cast<CXXRecordDecl>(DC)->getNameAsString() + "::" + C.QualifierPrefix;
    std::string Params;
    for (const ParmVarDecl *P : FD->parameters()) {
      if (!Params.empty())
        Params += ", ";
      Params += typeText(P->getType(), Ctx);
      if (!P->getName().empty())
        Params += " " + P->getNameAsString();
    }
    std::string Quals;
    if (MD->isConst())
      Quals += " const";
    if (MD->isVolatile())
      Quals += " volatile";
    if (MD->getRefQualifier() == RQ_LValue)
      Quals += " &";
    else if (MD->getRefQualifier() == RQ_RValue)
      Quals += " &&";
    if (isNoexceptExceptionSpec(FD->getExceptionSpecType()))
      Quals += " noexcept";
    // A trailing return type is looked up in the class, as it was written.
    C.OutOfClassHead = "auto " + C.QualifierPrefix + C.Name + "(" + Params +
                       ")" + Quals + " -> " +
                       sourceText(FD->getReturnTypeSourceRange());
  }
  if (IsInstanceMethod) {
    std::string Class = MD->getParent()->getNameAsString();
    C.SelfType = MD->isConst() ? "const " + Class : Class;
  }
  if (F.Lambda)
    lambdaCaptures(*F.Lambda);
  if (FD->isDependentContext())
    C.BaseRef = "this->";
  if (const FunctionTemplateDecl *FTD = FD->getDescribedFunctionTemplate();
      FTD && !C.FrameInBody)
    templateHead(FTD->getTemplateParameters(), *this, C.TemplateHeader,
                 C.TemplateArgs);

  const Stmt *Body = FD->getBody();
  if (const auto *CB = dyn_cast<CoroutineBodyStmt>(Body))
    Body = CB->getBody();

  BodyScan Scan(*this);
  Scan.walk(Body);
  if (Scan.Names.count("self"))
    C.SelfName = "cosm_self";
  C.ExternalNames.assign(Scan.Names.begin(), Scan.Names.end());

  for (const ParmVarDecl *P : FD->parameters()) {
    if (P->getName().empty())
      continue; // unused by the body: nothing to copy into the frame
    C.Params.push_back(declare(P));
  }
  if (Failed)
    return false;
  C.Body = build(Body);
  if (C.Body->Kind != Node::Block) {
    auto B = std::make_unique<Node>(Node::Block);
    B->Body.push_back(std::move(C.Body));
    C.Body = std::move(B);
  }
  // A `continue` label nothing jumps to would only draw -Wunused-label.
  forEachNode(*C.Body, [&](Node &S) {
    if (S.Kind == Node::Label && S.ContinueLabel >= 0 &&
        !UsedContinueLabels.count(S.ContinueLabel))
      S.Text = Code(";");
  });
  return !Failed;
}

std::unique_ptr<Coroutine> buildCoroutine(const FoundCoroutine &F,
                                          ASTContext &Ctx,
                                          DiagnosticsEngine &Diags) {
  auto C = std::make_unique<Coroutine>();
  Builder B(F, Ctx, Diags, *C);
  if (!B.run())
    return nullptr;
  return C;
}

} // namespace cosm
