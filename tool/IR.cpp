//===- IR.cpp - Helpers of the cosm IR -----------------------------------===//
#include "IR.h"

namespace cosm {

Code &Code::append(std::string S) {
  if (S.empty())
    return *this;
  if (!Pieces.empty() && Pieces.back().Kind == Piece::Text)
    Pieces.back().Str += S;
  else
    Pieces.push_back({Piece::Text, std::move(S), nullptr});
  return *this;
}

Code &Code::append(const Code &C) {
  for (const Piece &P : C.Pieces) {
    if (P.Kind == Piece::Text)
      append(P.Str);
    else
      Pieces.push_back(P);
  }
  return *this;
}

Code &Code::use(Var *V) {
  Pieces.push_back({Piece::VarUse, {}, V});
  return *this;
}

Code &Code::name(Var *V) {
  Pieces.push_back({Piece::VarName, {}, V});
  return *this;
}

Code &Code::binding(Var *Hidden, std::string Access, std::string Name) {
  Piece P{Piece::BindingUse, std::move(Access), Hidden};
  P.Name = std::move(Name);
  Pieces.push_back(std::move(P));
  return *this;
}

namespace {
std::string useOf(const Var *V) {
  return V->Hoisted && (V->IsReference || V->IsBound) ? "(*" + V->Name + ")"
                                                      : V->Name;
}
} // namespace

std::string Code::str() const {
  std::string Out;
  for (const Piece &P : Pieces) {
    if (P.Kind == Piece::Text)
      Out += P.Str;
    else if (P.Kind == Piece::VarName)
      Out += P.V->Name;
    else if (P.Kind == Piece::BindingUse)
      Out += P.V->Hoisted ? useOf(P.V) + P.Str : P.Name;
    else
      Out += useOf(P.V);
  }
  return Out;
}

std::string Code::declvalStr() const {
  std::string Out;
  for (const Piece &P : Pieces) {
    if (P.Kind == Piece::Text)
      Out += P.Str;
    else
      Out += "std::declval<std::add_lvalue_reference_t<" + P.V->Type + ">>()" +
             (P.Kind == Piece::BindingUse ? P.Str : "");
  }
  return Out;
}

std::vector<Node *> children(const Node &S) {
  std::vector<Node *> Out;
  if (S.CondPre)
    Out.push_back(S.CondPre.get());
  for (const NodePtr &C : S.Body)
    if (C)
      Out.push_back(C.get());
  for (Node *C : {S.Then.get(), S.Else.get(), S.IncPre.get()})
    if (C)
      Out.push_back(C);
  return Out;
}

bool declaresLocal(const std::vector<NodePtr> &Stmts) {
  for (const NodePtr &S : Stmts)
    if (S->Kind == Node::Decl)
      return true;
  return false;
}

bool containsSuspend(const Node &S) {
  if (S.Kind == Node::Suspend)
    return true;
  for (Node *C : children(S))
    if (containsSuspend(*C))
      return true;
  return false;
}

} // namespace cosm
