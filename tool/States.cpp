//===- States.cpp - Number the suspend points, build the dispatch --------===//
//
// Resuming jumps from the top of resume() toward the label after the suspend
// point. C++ forbids jumping into a `try` block or past the declaration of
// an object with a destructor (our guards), so such constructs open a
// region: the outer dispatch jumps to the region's entry label just before
// it, the construct is entered normally, and the region's own
// `switch (cosm_state)` jumps on (Roslyn's "try dispatch").
//
//===----------------------------------------------------------------------===//
#include "Layout.h"

namespace cosm {

namespace {

class StatePass {
public:
  explicit StatePass(Coroutine &C) : C(C) {}

  int openRegion(Node *Anchor, int Parent) {
    Region R;
    R.Parent = Parent;
    R.Anchor = Anchor;
    C.Regions.push_back(R);
    return static_cast<int>(C.Regions.size()) - 1;
  }

  void walk(Node &S, int Cur) {
    switch (S.Kind) {
    case Node::Block:
      for (size_t I = 0; I < S.Body.size(); ++I) {
        Node &Child = *S.Body[I];
        walk(Child, Cur);
        bool Guards = (Child.Kind == Node::Decl && !Child.DeferGuard) ||
                      Child.Kind == Node::Guard;
        if (Guards && Child.V->Hoisted && !Child.V->IsTrivial) {
          bool Later = false;
          for (size_t J = I + 1; J < S.Body.size() && !Later; ++J)
            Later = containsSuspend(*S.Body[J]);
          if (Later) {
            Cur = openRegion(&Child, Cur);
            Child.Region = Cur;
          }
        }
      }
      return;
    case Node::Try:
      if (containsSuspend(S)) {
        int R = openRegion(&S, Cur);
        S.Region = R;
        for (Node *Child : children(S))
          walk(*Child, R);
        return;
      }
      break;
    case Node::Suspend: {
      unsigned K = ++C.NumStates;
      S.State = K;
      C.StateRegion.push_back(Cur);
      C.StateLine.push_back(S.Line);
      int Child = -1;
      for (int R = Cur; R != -1; Child = R, R = C.Regions[R].Parent)
        C.Regions[R].Dispatch.push_back(
            {K, Child == -1 ? "cosm_resume_" + std::to_string(K)
                            : "cosm_enter_" + std::to_string(Child)});
      break;
    }
    default:
      break;
    }
    for (Node *Child : children(S))
      walk(*Child, Cur);
  }

  Coroutine &C;
};

} // namespace

void numberStates(Coroutine &C) {
  C.Regions.clear();
  C.StateRegion.assign(1, -1); // states count from 1
  C.StateLine.assign(1, 0);
  C.NumStates = 0;
  StatePass SP(C);
  int Root = SP.openRegion(nullptr, -1);
  SP.walk(*C.Body, Root);
}

} // namespace cosm
