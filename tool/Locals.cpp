//===- Locals.cpp - How each local of a coroutine becomes a Var ----------===//
//
// Parameters, locals, temporaries the spiller makes, structured bindings,
// `auto` deduced per instantiation and a coroutine lambda's captures: each
// is a Var (its type as the frame spells it, whether it needs a guard or is
// read through a pointer) and, where declared, a Decl node. Layout decides
// later which of them live in the frame.
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace cosm {

/// `auto` whose type Sema deduces only per instantiation.
bool isDependentAuto(QualType T) {
  const AutoType *AT = T->getContainedAutoType();
  return AT && AT->getDeducedType().isNull();
}

namespace {

/// Why a local of this type cannot be a frame member, or empty.
std::string unsupportedType(QualType T) {
  T = T.getNonReferenceType();
  if (isDependentAuto(T))
    return "its type is deduced from a dependent expression; spell the type";
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (RD->isLambda())
      return "it holds a lambda, whose type cannot be named";
    if (RD->isLocalClass())
      return "its type is a class local to the coroutine";
  }
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    if (AT->getElementType().isDestructedType())
      return "it is an array of a type with a destructor";
  return {};
}

} // namespace

/// True if VD is a reference whose initializer is a temporary it extends.
static bool extendsTemporary(const VarDecl *VD) {
  const Expr *I = VD->getInit();
  if (!I || !VD->getType()->isReferenceType())
    return false;
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(I))
    I = EWC->getSubExpr();
  const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(I->IgnoreParens());
  return MTE && MTE->getExtendingDecl() == VD;
}

/// sizeof/alignof of what the frame stores for a local of type T.
static void measure(Var *V, QualType T, bool AsPointer, const ASTContext &Ctx) {
  if (AsPointer)
    T = Ctx.VoidPtrTy;
  T = T.getNonReferenceType();
  if (T->isDependentType() || T->isIncompleteType())
    return;
  V->Size = Ctx.getTypeSizeInChars(T).getQuantity();
  V->Align = Ctx.getTypeAlignInChars(T).getQuantity();
}

/// How the frame stores a local of type T: the object itself, or (IsRef) a
/// pointer to it; whether it needs a guard, may be assigned, may be a plain
/// member; and its size.
static void describe(Var *V, QualType T, bool IsRef, const ASTContext &Ctx) {
  QualType Obj = T.getNonReferenceType();
  if (!IsRef)
    Obj = Obj.getUnqualifiedType();
  V->Type = typeText(Obj, Ctx);
  V->IsReference = IsRef;
  // A dependent type may have a destructor: build and guard it like one.
  bool Dependent = Obj->isDependentType();
  V->IsTrivial = IsRef || (!Dependent && !Obj.isDestructedType());
  V->IsAssignable = !IsRef && !Dependent && Obj->isScalarType();
  V->IsTrivialType = !IsRef && !Dependent && Obj.isTrivialType(Ctx);
  measure(V, Obj, IsRef, Ctx);
}

Var *Builder::declare(const VarDecl *VD) {
  QualType T = VD->getType();
  bool IsParam = isa<ParmVarDecl>(VD);
  Var *V =
      C.newVar(IsParam ? Var::Param : Var::Local, VD->getNameAsString(), "");
  V->Line = lineOf(VD->getLocation());
  V->RawLoc = VD->getLocation().getRawEncoding();
  if (IsParam) {
    // Parameters are frame members of their declared type, references
    // included (C++20 copies the reference, not the referee).
    V->Type = typeText(T, Ctx);
    V->IsReference = false;
    V->IsRValueReference = T->isRValueReferenceType();
    V->IsLValueReferenceParam = T->isLValueReferenceType();
    V->IsTrivial = true;
    V->IsAssignable = T->isScalarType();
    measure(V, T, T->isReferenceType(), Ctx);
  } else {
    // A reference bound to a temporary keeps the temporary alive: the frame
    // holds the temporary itself.
    bool Ref = T->isReferenceType() && !extendsTemporary(VD);
    describe(V, T, Ref, Ctx);
    V->IsRValueReference = Ref && T->isRValueReferenceType();
    V->Unsupported = unsupportedType(T);
    if (const auto *DD = dyn_cast<DecompositionDecl>(VD)) {
      // The hidden object the bindings name: a member `cosm_bound_a_b`,
      // shown as `[a, b]` in diagnostics.
      V->SourceName = "cosm_bound";
      V->Shown = "[";
      for (const BindingDecl *BD : DD->bindings()) {
        V->SourceName += "_" + BD->getNameAsString();
        V->Shown += (V->Shown.size() > 1 ? ", " : "") + BD->getNameAsString();
      }
      V->Shown += "]";
      V->Name = V->SourceName;
      QualType Obj = T.getNonReferenceType();
      if (Obj->isDependentType() || isDependentAuto(Obj))
        V->Unsupported = "cosm cannot name the parts of a structured binding "
                         "of a dependent type";
      else if (!Ref && Obj->isArrayType())
        V->Unsupported = "a structured binding that copies an array cannot "
                         "live in a frame; bind by reference";
    }
  }
  Vars[VD] = V;
  return V;
}

Var *Builder::makeTemp(const std::string &Hint, QualType T, bool IsRef) {
  Var *V = C.newVar(Var::Temp, Hint, "");
  describe(V, T, IsRef, Ctx);
  V->Unsupported = unsupportedType(T.getNonReferenceType());
  return V;
}

void Builder::buildVarDecl(const VarDecl *VD, const DeclStmt *Whole,
                           std::vector<NodePtr> &Out) {
  unsigned Line = lineOf(VD->getLocation());
  const Expr *Init = VD->getInit();
  Var *V = declare(VD);

  InitKind Kind = InitKind::None;
  Code Text;
  bool HasInit =
      Init &&
      !(isa<CXXConstructExpr>(Init) &&
        cast<CXXConstructExpr>(Init)->getNumArgs() == 0 &&
        cast<CXXConstructExpr>(Init)->getParenOrBraceRange().isInvalid());
  if (HasInit) {
    const Expr *Core = ignoreImplicit(Init);
    bool IsSuspend = isSuspendExpr(Core);
    switch (VD->getInitStyle()) {
    case VarDecl::CInit:
      Kind = isa<InitListExpr>(Core) ? InitKind::Brace : InitKind::Copy;
      break;
    case VarDecl::CallInit:
    case VarDecl::ParenListInit:
      Kind = InitKind::Paren;
      break;
    case VarDecl::ListInit:
      Kind = InitKind::Brace;
      break;
    }
    std::vector<NodePtr> Inner;
    bool Spilled = IsSuspend || hasSuspend(Init);
    if (IsSuspend)
      Text = emitSuspend(Core, Inner,
                         /*ValueUsed=*/true);
    else if (Spilled)
      Text = spill(Init, Inner);
    if (Spilled && Kind == InitKind::Brace && !isa<InitListExpr>(Core))
      Text = Code("{").append(Text).append("}");
    if (Spilled && !declaresLocal(Inner)) {
      // A plain co_yield: nothing outlives the suspend point but the value.
      for (NodePtr &S : Inner)
        Out.push_back(std::move(S));
    } else if (Spilled) {
      // The full-expression's temporaries (awaiters, delegates, spilled
      // operands) end in a block; the local is built at its end and its
      // scope goes on after it.
      if (isDependentAuto(VD->getType()))
        deduceFromInit(VD, V, Text, Kind);
      buildAtBlockEnd(V, Kind, std::move(Text), std::move(Inner), Line, Out);
      if (const auto *DD = dyn_cast<DecompositionDecl>(VD))
        declareBindings(DD, Out);
      return;
    } else {
      const auto *CE = dyn_cast<CXXConstructExpr>(Core);
      const auto *PL = dyn_cast<ParenListExpr>(Init);
      if (Kind == InitKind::Paren && CE &&
          CE->getParenOrBraceRange().isValid()) {
        SourceRange PR = CE->getParenOrBraceRange();
        Text = renderRange(PR.getBegin().getLocWithOffset(1), PR.getEnd(), CE);
      } else if (Kind == InitKind::Paren && PL) {
        Text = renderRange(PL->getLParenLoc().getLocWithOffset(1),
                           PL->getRParenLoc(), PL);
      } else if (Kind == InitKind::Brace && CE &&
                 CE->getParenOrBraceRange().isValid()) {
        SourceRange PR = CE->getParenOrBraceRange();
        Text = renderRange(PR.getBegin(), PR.getEnd().getLocWithOffset(1), CE);
      } else {
        Text = render(Init);
      }
    }
  }
  if (HasInit && isDependentAuto(VD->getType()))
    deduceFromInit(VD, V, Text, Kind);
  Code Original;
  if (Whole && !hasSuspend(Whole)) {
    Original = render(Whole, /*WithSemi=*/true);
  } else if (Whole && Kind != InitKind::Brace) {
    // As written, with the suspend point's value in place of the initializer.
    Substitutions[Init] = Text;
    Original = render(Whole, /*WithSemi=*/true);
  }
  Out.push_back(makeDecl(V, Kind, std::move(Text), std::move(Original), Line));
  if (const auto *DD = dyn_cast<DecompositionDecl>(VD))
    declareBindings(DD, Out);
}

void Builder::declareBindings(const DecompositionDecl *DD,
                              std::vector<NodePtr> &Out) {
  Var *Hidden = Vars[DD];
  if (!Hidden->Unsupported.empty())
    return; // reported by Layout if it lives across a suspend point
  unsigned Line = lineOf(DD->getLocation());
  for (const BindingDecl *BD : DD->bindings()) {
    if (const VarDecl *Holding = BD->getHoldingVar()) {
      // Tuple-like: the binding is a reference initialized by get<I>; the
      // hidden object is an xvalue unless it is an lvalue reference.
      const auto *Call = dyn_cast_or_null<CallExpr>(
          ignoreImplicit(Holding->getInit())->IgnoreImplicit());
      const FunctionDecl *Get = Call ? Call->getDirectCallee() : nullptr;
      const auto *Args = Get ? Get->getTemplateSpecializationArgs() : nullptr;
      if (!Args || Args->size() < 1 ||
          Args->get(0).getKind() != TemplateArgument::Integral) {
        Hidden->Unsupported = "cosm cannot name the get<I> of this structured "
                              "binding";
        continue;
      }
      std::string Index =
          std::to_string(Args->get(0).getAsIntegral().getExtValue());
      Code Object;
      if (DD->getType()->isLValueReferenceType())
        Object.use(Hidden);
      else
        Object.append("std::move(").use(Hidden).append(")");
      Code Init;
      if (isa<CXXMethodDecl>(Get)) {
        Init.append("(").append(Object).append(").template get<" + Index +
                                               ">()");
      } else {
        // Qualified: C++17 finds `get<I>(x)` by ADL only if some template
        // named get is visible, which the lowered file cannot promise.
        std::string NS;
        if (const auto *ND = dyn_cast<NamespaceDecl>(
                Get->getDeclContext()->getEnclosingNamespaceContext()))
          NS = ND->getQualifiedNameAsString();
        Init.append("::" + (NS.empty() ? "" : NS + "::") + "get<" + Index +
                    ">(")
            .append(Object)
            .append(")");
      }
      Var *V = declare(Holding);
      V->Line = Line;
      NodePtr D = makeDecl(V, InitKind::Copy, std::move(Init), Code(), Line);
      D->Decomposed = Hidden;
      Out.push_back(std::move(D));
      continue;
    }
    // A member or an array element of the hidden object.
    const Expr *Binding = BD->getBinding();
    std::string Access;
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(
            Binding ? Binding->IgnoreImplicit() : nullptr)) {
      Access = "." + ME->getMemberDecl()->getNameAsString();
    } else if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(
                   Binding ? Binding->IgnoreImplicit() : nullptr)) {
      Expr::EvalResult R;
      if (AS->getIdx()->EvaluateAsInt(R, Ctx))
        Access = "[" + std::to_string(R.Val.getInt().getExtValue()) + "]";
    }
    if (Access.empty()) {
      Hidden->Unsupported = "cosm cannot name the parts of this structured "
                            "binding";
      continue;
    }
    Bindings[BD] = Code().binding(Hidden, Access, BD->getNameAsString());
  }
}

void Builder::deduceFromInit(const VarDecl *VD, Var *V, const Code &Init,
                             InitKind Kind) {
  // What `auto` deduces, spelled with decltype over the initializer (its
  // locals as std::declval). A reference that may bind a temporary
  // (`const auto &`, `auto &&`) is the value itself or a pointer depending
  // on the instantiation: a cosm::lowered::bound decides per instantiation.
  QualType T = VD->getType();
  if (isa<DecompositionDecl>(VD) ||
      (Kind != InitKind::Copy && Kind != InitKind::Paren))
    return;
  std::string Expr = Init.declvalStr();
  QualType Referee = T.getNonReferenceType();
  if (T->isReferenceType() && isa<AutoType>(Referee.getUnqualifiedType())) {
    bool Const = Referee.isConstQualified();
    if (T->isLValueReferenceType() && !Const) {
      V->Type = "std::remove_reference_t<decltype((" + Expr + "))>";
      V->IsReference = true;
      V->IsTrivial = true;
    } else {
      V->Type = "cosm::lowered::bound<decltype((" + Expr + ")), " +
                (Const ? "true" : "false") + ">";
      V->IsReference = V->IsRValueReference = false;
      V->IsBound = true;
      V->IsTrivial = V->IsAssignable = V->IsTrivialType = false;
    }
  } else if (!T->isReferenceType() &&
             (isa<AutoType>(T.getUnqualifiedType()) ||
              (T->isPointerType() && isa<AutoType>(T->getPointeeType())))) {
    V->Type = "std::decay_t<decltype(" + Expr + ")>";
    V->IsReference = false;
    V->IsTrivial = V->IsAssignable = V->IsTrivialType = false;
  } else {
    return;
  }
  V->Size = V->Align = -1;
  V->Unsupported.clear();
}

void Builder::lambdaCaptures(const LambdaExpr &LE) {
  // A C++20 coroutine lambda reaches its captures through the closure, which
  // must outlive the coroutine: the frame points at the closure's copies
  // (and at the variables captured by reference), which is the same.
  C.IsLambda = C.FrameInBody = true;
  const CXXMethodDecl *Op = LE.getCallOperator();
  for (const LambdaCapture &LC : LE.captures()) {
    if (LC.capturesThis()) {
      // The enclosing object, as in a method: implicit member uses become
      // self->.
      const auto *Outer =
          dyn_cast_or_null<CXXMethodDecl>(LE.getLambdaClass()->getParent());
      if (!Outer) {
        error(LE.getBeginLoc(), "cosm cannot find the class whose `this` "
                                "this coroutine lambda captures");
        continue;
      }
      IsInstanceMethod = true;
      std::string Class = Outer->getParent()->getNameAsString();
      C.SelfType = Outer->isConst() ? "const " + Class : Class;
      continue;
    }
    const auto *VD = cast<VarDecl>(LC.getCapturedVar());
    QualType T = VD->getType().getNonReferenceType();
    bool ByCopy = LC.getCaptureKind() == LCK_ByCopy || VD->isInitCapture();
    if (ByCopy && Op->isConst())
      T.addConst();
    Var *V = C.newVar(Var::Param, VD->getNameAsString(), typeText(T, Ctx));
    V->IsCapture = V->IsReference = true;
    V->IsTrivial = true;
    V->Line = lineOf(VD->getLocation());
    V->RawLoc = VD->getLocation().getRawEncoding();
    measure(V, T, /*AsPointer=*/true, Ctx);
    Vars[VD] = V;
    C.Params.push_back(V);
  }
}

} // namespace cosm
