//===- EmitDot.cpp - The state graph of each coroutine, for Graphviz -----===//
//
// One node per suspend point, plus the start (state 0) and the end. An edge
// A -> B says: from A (the start, or just after resuming at A) execution can
// reach B without passing another suspend point. The edges come from a small
// control-flow graph built over the IR tree: points joined by edges that
// cost nothing, a suspend point cutting the flow into "reach it" and "resume
// after it". Jumps hidden in verbatim text (break, continue, goto, a
// co_return in a statement without suspend points) are not in the IR, so the
// graph over-approximates them; the output says how.
//
//===----------------------------------------------------------------------===//
#include "Layout.h"
#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace cosm {

namespace {

/// True if the text has a `return` token outside comments and literals: a
/// co_return in a statement without suspend points is rendered as one.
bool mayReturn(const std::string &S) {
  auto IsIdent = [](char C) {
    return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
           (C >= '0' && C <= '9') || C == '_';
  };
  size_t I = 0, N = S.size();
  while (I < N) {
    char C = S[I];
    if (C == '/' && I + 1 < N && S[I + 1] == '/') {
      I = S.find('\n', I);
      if (I == std::string::npos)
        return false;
      continue;
    }
    if (C == '/' && I + 1 < N && S[I + 1] == '*') {
      I = S.find("*/", I + 2);
      if (I == std::string::npos)
        return false;
      I += 2;
      continue;
    }
    if (C == 'R' && I + 1 < N && S[I + 1] == '"') {
      // Raw string: R"delim( ... )delim"
      size_t Open = S.find('(', I + 2);
      if (Open == std::string::npos)
        return false;
      std::string Close = ")" + S.substr(I + 2, Open - I - 2) + "\"";
      I = S.find(Close, Open + 1);
      if (I == std::string::npos)
        return false;
      I += Close.size();
      continue;
    }
    if (C == '"' || C == '\'') {
      for (++I; I < N && S[I] != C; ++I)
        if (S[I] == '\\')
          ++I;
      ++I;
      continue;
    }
    if (IsIdent(C)) {
      size_t B = I;
      while (I < N && IsIdent(S[I]))
        ++I;
      if (I < N && S[I] == '"' && S[I - 1] == 'R') {
        I -= 1; // u8R"(...)" and friends: a raw string
        continue;
      }
      if (S.compare(B, I - B, "return") == 0)
        return true;
      continue;
    }
    ++I;
  }
  return false;
}

/// A DOT string literal's contents.
std::string dotEscape(const std::string &S) {
  std::string Out;
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    if (C == '\n') {
      Out += "\\n";
      continue;
    }
    Out += C;
  }
  return Out;
}

/// Where a statement may jump to other than the next statement: each point
/// From may reach each of the targets To.
struct Frame {
  std::vector<int> From, To;
};

class GraphBuilder {
public:
  explicit GraphBuilder(const Coroutine &C) : C(C) {
    Done = newPoint();
    Stop[Done] = DoneStop;
    for (unsigned K = 1; K <= C.NumStates; ++K) {
      int P = newPoint();
      Stop[P] = static_cast<int>(K);
      Reach[K] = P;
    }
  }

  /// The successors of every source: state 0 and each suspend point.
  std::map<unsigned, std::set<int>> run() {
    int Start = newPoint();
    edge(build(*C.Body, Start), Done);
    for (const Frame &F : Frames)
      for (int From : F.From)
        for (int To : F.To)
          edge(From, To);
    std::map<unsigned, std::set<int>> Out;
    Out[0] = successors(Start);
    for (const auto &[K, P] : Resume)
      Out[K] = successors(P);
    return Out;
  }

  static constexpr int DoneStop = -2;

private:
  int newPoint() {
    Next.emplace_back();
    Stop.push_back(-1);
    int P = static_cast<int>(Next.size()) - 1;
    // Anything may throw: a constructor, an operand, the resumption itself.
    if (!Throws.empty())
      Frames[Throws.back()].From.push_back(P);
    return P;
  }

  /// Verbatim code at P may hold a break, continue or goto: only such code
  /// jumps, as a suspend point or a condition cannot.
  void mayJump(int P) {
    for (const std::vector<int> *Stack : {&Breaks, &Continues})
      if (!Stack->empty())
        Frames[Stack->back()].From.push_back(P);
  }

  void edge(int From, int To) {
    if (From != To)
      Next[From].push_back(To);
  }

  void openFrame(std::vector<int> &Stack, std::vector<int> To) {
    Frames.push_back({{}, std::move(To)});
    Stack.push_back(static_cast<int>(Frames.size()) - 1);
  }

  /// The states (and DoneStop) reachable from P before the next suspend.
  std::set<int> successors(int P) const {
    std::set<int> Found;
    std::vector<bool> Seen(Next.size());
    std::vector<int> Work(Next[P].begin(), Next[P].end());
    while (!Work.empty()) {
      int Q = Work.back();
      Work.pop_back();
      if (Seen[Q])
        continue;
      Seen[Q] = true;
      if (Stop[Q] != -1) {
        Found.insert(Stop[Q]);
        continue;
      }
      Work.insert(Work.end(), Next[Q].begin(), Next[Q].end());
    }
    return Found;
  }

  /// Adds the flow of S entered at point In; returns the point where S
  /// completes normally. In is always a point of the innermost open frames.
  int build(const Node &S, int In) {
    switch (S.Kind) {
    case Node::CodeStmt:
      mayJump(In);
      if (mayReturn(S.Text.str()))
        edge(In, Done);
      return In;
    case Node::Decl:
    case Node::Guard:
      return In;
    case Node::Block:
      for (const NodePtr &Child : S.Body)
        In = build(*Child, In);
      return In;
    case Node::If: {
      int ThenOut = build(*S.Then, In);
      int ElseOut = S.Else ? build(*S.Else, In) : In;
      int Out = newPoint();
      edge(ThenOut, Out);
      edge(ElseOut, Out);
      return Out;
    }
    case Node::Loop:
      return buildLoop(S, In);
    case Node::Switch:
      return buildSwitch(S, In);
    case Node::Label:
      return buildLabel(S, In);
    case Node::Try:
      return buildTry(S, In);
    case Node::Suspend: {
      edge(In, Reach.at(S.State));
      int Out = newPoint();
      Resume[S.State] = Out;
      return Out;
    }
    case Node::Return:
      edge(In, Done);
      return newPoint(); // nothing flows on
    }
    return In;
  }

  int buildLoop(const Node &S, int In) {
    int Exit = newPoint(), Cont = newPoint();
    if (S.IsDoWhile) {
      openFrame(Breaks, {Exit});
      openFrame(Continues, {Cont});
      int BodyIn = newPoint();
      edge(In, BodyIn);
      edge(build(*S.Then, BodyIn), Cont);
      Breaks.pop_back();
      Continues.pop_back();
      edge(Cont, BodyIn); // do-while runs its body at least once
      edge(Cont, Exit);
      return Exit;
    }
    int Head = newPoint();
    edge(In, Head);
    // A natural while/for may run zero times; `for (;;)` and `while (true)`
    // leave only by a jump, which the loop frames stand for.
    std::string Cond = S.Text.str();
    if (S.HasCond && !S.CondPre && Cond != "true" && Cond != "1")
      edge(Head, Exit);
    openFrame(Breaks, {Exit});
    openFrame(Continues, {Cont});
    int Top = newPoint();
    edge(Head, Top);
    int P = S.CondPre ? build(*S.CondPre, Top) : Top;
    edge(build(*S.Then, P), Cont);
    Breaks.pop_back();
    Continues.pop_back();
    edge(S.IncPre ? build(*S.IncPre, Cont) : Cont, Head);
    return Exit;
  }

  int buildSwitch(const Node &S, int In) {
    int Exit = newPoint();
    openFrame(Breaks, {Exit});
    Switches.push_back({In, false});
    int Unreached = newPoint(); // only a case label enters the body
    edge(build(*S.Body[0], Unreached), Exit);
    Breaks.pop_back();
    if (!Switches.back().HasDefault)
      edge(In, Exit);
    Switches.pop_back();
    return Exit;
  }

  int buildLabel(const Node &S, int In) {
    int P = newPoint();
    edge(In, P);
    std::string Text = S.Text.str();
    bool IsCase = Text.compare(0, 5, "case ") == 0;
    bool IsDefault = Text.compare(0, 8, "default:") == 0;
    if ((IsCase || IsDefault) && !Switches.empty()) {
      edge(Switches.back().Entry, P);
      Switches.back().HasDefault |= IsDefault;
    }
    // `continue` in a loop whose increment moved into the body is a goto
    // to this label.
    if (S.ContinueLabel >= 0 && !Continues.empty())
      Frames[Continues.back()].To.push_back(P);
    return P;
  }

  int buildTry(const Node &S, int In) {
    // Created outside the try: a handler that rethrows or breaks is seen
    // by the enclosing frames.
    int Handler = newPoint(), After = newPoint();
    mayJump(Handler);
    openFrame(Throws, {Handler});
    int TryIn = newPoint();
    edge(In, TryIn);
    int TryOut = build(*S.Body[0], TryIn);
    Throws.pop_back();
    edge(TryOut, After);
    edge(Handler, After);
    for (const Code &H : S.Handlers)
      if (mayReturn(H.str()))
        edge(Handler, Done);
    return After;
  }

  struct SwitchCtx {
    int Entry;
    bool HasDefault;
  };

  const Coroutine &C;
  std::vector<std::vector<int>> Next; // point -> points it flows to
  std::vector<int> Stop;              // -1, a state, or DoneStop
  std::map<unsigned, int> Reach, Resume;
  int Done = -1;
  std::vector<Frame> Frames;
  std::vector<int> Breaks, Continues, Throws; // open frames, innermost last
  std::vector<SwitchCtx> Switches;
};

void collectSuspends(const Node &S, std::map<unsigned, const Node *> &Out) {
  if (S.Kind == Node::Suspend)
    Out[S.State] = &S;
  for (const Node *Child : children(S))
    collectSuspends(*Child, Out);
}

const char *kindName(Node::SuspendKindTy K) {
  switch (K) {
  case Node::Yield:
    return "co_yield";
  case Node::YieldFrom:
    return "co_yield cosm::from";
  case Node::Await:
    return "co_await";
  }
  return "";
}

} // namespace

std::string emitDot(const std::vector<const Coroutine *> &Coroutines,
                    const std::string &FileName) {
  std::string Out;
  Out += "// cosm state graph of " + FileName +
         ": one cluster per coroutine, a node per suspend point.\n"
         "// An edge A -> B: from A (the start, or just after resuming at A) "
         "execution can reach B without passing another suspend point.\n"
         "// edges are conservative: break, continue and goto inside verbatim "
         "statements are not visible to cosm, so any verbatim statement of a "
         "loop body may leave the loop or start its next iteration, any of a "
         "switch may leave it, and any point of a try block may enter its "
         "handlers; a co_return in a statement without suspend points is "
         "seen by its `return`. Exceptions that leave the coroutine are not "
         "drawn.\n";
  Out += "digraph cosm {\n";
  Out += "  label=\"" + dotEscape(FileName) + "\";\n";
  Out += "  labelloc=t;\n";
  Out += "  node [shape=box, fontname=\"monospace\"];\n";
  for (size_t I = 0; I < Coroutines.size(); ++I) {
    const Coroutine &C = *Coroutines[I];
    std::map<unsigned, const Node *> Suspends;
    if (C.Body)
      collectSuspends(*C.Body, Suspends);
    std::string Id = fmt::format("c{}_", I);
    auto NodeId = [&](int Stop) {
      return Stop == GraphBuilder::DoneStop ? Id + "done"
                                            : Id + "s" + std::to_string(Stop);
    };
    Out += fmt::format("  subgraph cluster_{} {{\n", I);
    Out += "    label=\"" +
           dotEscape(fmt::format("{} (line {})", C.Name, C.Line)) + "\";\n";
    Out += "    " + NodeId(0) + " [shape=oval, label=\"" +
           dotEscape(fmt::format("0: start\nline {}", C.Line)) + "\"];\n";
    for (unsigned K = 1; K <= C.NumStates; ++K) {
      auto It = Suspends.find(K);
      std::string Kind =
          It == Suspends.end() ? "suspend" : kindName(It->second->SuspendKind);
      unsigned Line = It != Suspends.end()     ? It->second->Line
                      : K < C.StateLine.size() ? C.StateLine[K]
                                               : 0;
      Out += "    " + NodeId(static_cast<int>(K)) + " [label=\"" +
             dotEscape(fmt::format("{}: {}\nline {}", K, Kind, Line)) +
             "\"];\n";
    }
    Out += "    " + NodeId(GraphBuilder::DoneStop) +
           " [shape=doublecircle, label=\"done\"];\n";
    if (C.Body) {
      GraphBuilder G(C);
      for (const auto &[From, Tos] : G.run()) {
        // States in order, the end last.
        std::vector<int> Sorted(Tos.begin(), Tos.end());
        std::stable_partition(Sorted.begin(), Sorted.end(),
                              [](int S) { return S >= 0; });
        for (int To : Sorted)
          Out += "    " + NodeId(static_cast<int>(From)) + " -> " + NodeId(To) +
                 ";\n";
      }
    }
    Out += "  }\n";
  }
  Out += "}\n";
  return Out;
}

} // namespace cosm
