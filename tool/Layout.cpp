//===- Layout.cpp - Which locals live in the frame, and where ------------===//
//
// A local goes into the frame iff a suspend point follows its declaration
// inside its scope: only then can a resume label jump into its scope. Locals
// whose scopes do not overlap share storage (one anonymous union per group),
// which is how the frame gets smaller than a compiler's.
//
//===----------------------------------------------------------------------===//
#include "Layout.h"
#include <algorithm>
#include <map>
#include <set>

namespace cosm {

namespace {

struct Scoped {
  Var *V;
  unsigned Begin, End; // preorder positions of its scope
};

class LayoutPass {
public:
  explicit LayoutPass(Coroutine &C) : C(C) {}

  // Numbers statements in preorder; records each hoisted local's scope.
  void walk(Node &S) {
    ++Pos;
    if (S.Kind == Node::Block) {
      for (size_t I = 0; I < S.Body.size(); ++I) {
        Node &Child = *S.Body[I];
        if (Child.Kind == Node::Decl) {
          bool Later = false;
          for (size_t J = I + 1; J < S.Body.size() && !Later; ++J)
            Later = containsSuspend(*S.Body[J]);
          Child.V->Hoisted = Later || Child.V->ForceHoist;
          if (Child.DeferGuard) {
            DeferredBegin[Child.V] = Pos + 1; // its scope opens at the Guard
          } else if (Child.V->Hoisted) {
            Open.push_back({Child.V, Pos + 1, 0});
            OpenDepth.push_back(Depth);
          }
        } else if (Child.Kind == Node::Guard && Child.V->Hoisted) {
          Open.push_back({Child.V, DeferredBegin[Child.V], 0});
          OpenDepth.push_back(Depth);
        }
        ++Depth;
        walk(Child);
        --Depth;
      }
      // Scopes opened in this block end here.
      while (!OpenDepth.empty() && OpenDepth.back() == Depth) {
        Open.back().End = Pos;
        Done.push_back(Open.back());
        Open.pop_back();
        OpenDepth.pop_back();
      }
      return;
    }
    for (Node *Child : children(S)) {
      ++Depth;
      walk(*Child);
      --Depth;
    }
  }

  Coroutine &C;
  unsigned Pos = 0;
  int Depth = 0;
  std::vector<Scoped> Open, Done;
  std::vector<int> OpenDepth;
  std::map<Var *, unsigned> DeferredBegin;
};

} // namespace

std::vector<LayoutError> layoutFrame(Coroutine &C) {
  std::vector<LayoutError> Errors;
  for (Var *P : C.Params)
    P->Hoisted = true;
  LayoutPass LP(C);
  LP.walk(*C.Body);

  for (const Scoped &S : LP.Done)
    if (!S.V->Unsupported.empty())
      Errors.push_back(
          {S.V->RawLoc,
           "'" + (S.V->Shown.empty() ? S.V->SourceName : S.V->Shown) +
               "' lives across a suspend point, "
               "but " +
               S.V->Unsupported});

  // Unique member names: parameters keep theirs; a hoisted local that
  // collides with another member, a name the frame itself uses, or a name
  // the body uses for something else gets a suffix.
  std::set<std::string> Taken = {"resume", C.SelfName, C.FrameName};
  for (const std::string &N : C.ExternalNames)
    Taken.insert(N);
  for (Var *P : C.Params)
    Taken.insert(P->Name);
  std::map<std::string, unsigned> Counter;
  std::vector<Scoped> Sorted = LP.Done;
  std::sort(Sorted.begin(), Sorted.end(),
            [](const Scoped &A, const Scoped &B) { return A.Begin < B.Begin; });
  for (Scoped &S : Sorted) {
    std::string Base = S.V->SourceName;
    std::string Name = Base;
    if (S.V->Kind == Var::Temp || Taken.count(Name)) {
      unsigned &N = Counter[Base];
      do
        Name = Base + "_" + std::to_string(++N);
      while (Taken.count(Name));
    }
    S.V->Name = Name;
    Taken.insert(Name);
  }

  // Interval colouring: a local joins the first union whose members' scopes
  // all ended before its own began.
  std::vector<unsigned> GroupEnd;
  for (Scoped &S : Sorted) {
    int G = -1;
    for (size_t I = 0; I < GroupEnd.size(); ++I)
      if (GroupEnd[I] < S.Begin) {
        G = static_cast<int>(I);
        break;
      }
    if (G < 0) {
      G = static_cast<int>(GroupEnd.size());
      GroupEnd.push_back(0);
    }
    GroupEnd[G] = S.End;
    S.V->UnionGroup = G;
  }
  return Errors;
}

} // namespace cosm
