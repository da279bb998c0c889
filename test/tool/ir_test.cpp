// The IR stages alone: IR trees built by hand go through layoutFrame and
// numberStates, then each emitter. No Clang involved.
#include "Layout.h"
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <set>

using namespace cosm;

namespace {

/// A coroutine under construction, with cosm::generator<int> defaults.
struct Coro {
  Coroutine C;

  explicit Coro(const std::string &Name, unsigned Line = 1) {
    C.Name = Name;
    C.FrameName = Name + "_frame";
    C.BaseType = "cosm::lowered::generator_frame<int, void, void>";
    C.ReturnType = "cosm::generator<int>";
    C.MakeFunction = "cosm::lowered::make_generator";
    C.Signature = "cosm::generator<int> " + Name + "() ";
    C.SourceFile = "test.cpp";
    C.Line = Line;
  }

  Var *param(const std::string &Name, const std::string &Type, long long Size,
             unsigned Line) {
    Var *V = C.newVar(Var::Param, Name, Type);
    V->IsTrivial = V->IsAssignable = true;
    V->Size = V->Align = Size;
    V->Line = Line;
    C.Params.push_back(V);
    return V;
  }

  /// A scalar: a plain member when alone in its group.
  Var *scalar(const std::string &Name, const std::string &Type, long long Size,
              unsigned Line) {
    Var *V = C.newVar(Var::Local, Name, Type);
    V->IsTrivial = V->IsAssignable = V->IsTrivialType = true;
    V->Size = V->Align = Size;
    V->Line = Line;
    return V;
  }

  /// A class with a destructor: always in a union, built with placement new.
  Var *object(const std::string &Name, const std::string &Type, long long Size,
              long long Align, unsigned Line) {
    Var *V = C.newVar(Var::Local, Name, Type);
    V->Size = Size;
    V->Align = Align;
    V->Line = Line;
    return V;
  }

  /// A reference: hoisted as a pointer.
  Var *reference(const std::string &Name, const std::string &Type,
                 unsigned Line) {
    Var *V = C.newVar(Var::Local, Name, Type);
    V->IsReference = V->IsTrivial = true;
    V->Size = V->Align = 8;
    V->Line = Line;
    return V;
  }

  /// Installs the body and runs the passes the emitters need.
  void finish(NodePtr Body) {
    C.Body = std::move(Body);
    EXPECT_TRUE(layoutFrame(C).empty());
    numberStates(C);
  }
};

NodePtr code(const std::string &Text) {
  auto S = std::make_unique<Node>(Node::CodeStmt);
  S->Text = Code(Text);
  return S;
}

template <class... Ns> NodePtr block(Ns &&...Children) {
  auto B = std::make_unique<Node>(Node::Block);
  (B->Body.push_back(std::forward<Ns>(Children)), ...);
  return B;
}

NodePtr yield(Code Operand, unsigned Line) {
  auto S = std::make_unique<Node>(Node::Suspend);
  S->Text = std::move(Operand);
  S->Line = Line;
  return S;
}

NodePtr yield(const std::string &Operand, unsigned Line) {
  return yield(Code(Operand), Line);
}

NodePtr decl(Var *V, const std::string &Init) {
  auto S = std::make_unique<Node>(Node::Decl);
  S->V = V;
  S->Line = V->Line;
  S->Init = InitKind::Copy;
  S->Text = Code(Init);
  S->Original = Code(V->Type + (V->IsReference ? " &" : " ") + V->Name + " = " +
                     Init + ";");
  return S;
}

NodePtr ifElse(const std::string &Cond, NodePtr Then, NodePtr Else = nullptr) {
  auto S = std::make_unique<Node>(Node::If);
  S->Text = Code(Cond);
  S->Then = std::move(Then);
  S->Else = std::move(Else);
  return S;
}

NodePtr whileLoop(const std::string &Cond, NodePtr Body) {
  auto S = std::make_unique<Node>(Node::Loop);
  S->HasCond = true;
  S->Text = Code(Cond);
  S->Then = std::move(Body);
  return S;
}

NodePtr doWhile(const std::string &Cond, NodePtr Body) {
  NodePtr S = whileLoop(Cond, std::move(Body));
  S->IsDoWhile = true;
  return S;
}

NodePtr forEver(NodePtr Body) {
  auto S = std::make_unique<Node>(Node::Loop);
  S->Then = std::move(Body);
  return S;
}

NodePtr ret() { return std::make_unique<Node>(Node::Return); }

NodePtr label(const std::string &Text) {
  auto S = std::make_unique<Node>(Node::Label);
  S->Text = Code(Text);
  return S;
}

NodePtr switchOf(const std::string &Cond, NodePtr Body) {
  auto S = std::make_unique<Node>(Node::Switch);
  S->Text = Code(Cond);
  S->Body.push_back(std::move(Body));
  return S;
}

NodePtr tryCatch(NodePtr Body, const std::string &Handler) {
  auto S = std::make_unique<Node>(Node::Try);
  S->Body.push_back(std::move(Body));
  S->Handlers.push_back(Code(Handler));
  return S;
}

/// The edges of one cluster, as "0->1" and "1->done".
std::set<std::string> edges(const std::string &Dot, int Cluster = 0) {
  std::set<std::string> Out;
  std::regex Edge(R"(c(\d+)_s?(\d+|done) -> c\d+_s?(\d+|done);)");
  for (std::sregex_iterator I(Dot.begin(), Dot.end(), Edge), E; I != E; ++I)
    if (std::stoi((*I)[1]) == Cluster)
      Out.insert((*I)[2].str() + "->" + (*I)[3].str());
  return Out;
}

using Edges = std::set<std::string>;

std::string dotOf(const Coro &K) { return emitDot({&K.C}, "test.cpp"); }

/// Runs `Command File` on Text if Command is installed; false if it failed.
bool acceptedBy(const std::string &Command, const std::string &Text,
                const std::string &Suffix) {
  std::string Program = Command.substr(0, Command.find(' '));
  if (std::system(("command -v " + Program + " >/dev/null 2>&1").c_str()))
    return true; // not installed: nothing to check against
  std::string Path = testing::TempDir() + "cosm_ir_test" + Suffix;
  std::ofstream(Path) << Text;
  int Status = std::system((Command + " " + Path + " >/dev/null").c_str());
  std::remove(Path.c_str());
  return Status == 0;
}

/// countdown(int n): while (n > 0) { co_yield n; --n; }
void buildCountdown(Coro &K) {
  Var *N = K.param("n", "int", 4, 1);
  K.finish(
      block(code("std::printf(\"start %d\\n\", n);"),
            whileLoop("n > 0", block(yield(Code().use(N), 4), code("--n;"))),
            code("std::printf(\"done\\n\");")));
}

} // namespace

TEST(EmitCpp, CountdownStructure) {
  Coro K("countdown");
  buildCountdown(K);
  std::string Out = emitCpp(K.C).Text;
  EXPECT_NE(Out.find("struct countdown_frame final : "
                     "cosm::lowered::generator_frame<int, void, void> {"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("  int n;\n"), std::string::npos) << Out;
  EXPECT_NE(Out.find("explicit countdown_frame(int n) : n(n) {}"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("case 1: goto cosm_resume_1;"), std::string::npos) << Out;
  EXPECT_NE(Out.find("cosm_yield(n);\n"), std::string::npos) << Out;
  EXPECT_NE(Out.find("cosm_state = 1;"), std::string::npos) << Out;
  EXPECT_NE(Out.find("cosm_resume_1:"), std::string::npos) << Out;
  EXPECT_NE(Out.find("while (n > 0)"), std::string::npos) << Out;
  EXPECT_EQ(K.C.NumStates, 1u);
}

TEST(EmitCpp, DisjointGuardedLocalsShareAUnion) {
  Coro K("g");
  Var *S = K.object("s", "std::string", 32, 8, 3);
  Var *V = K.object("v", "std::vector<int>", 24, 8, 6);
  K.finish(block(block(decl(S, "\"a\""), yield("1", 4)),
                 block(decl(V, "{}"), yield("2", 7))));
  EXPECT_TRUE(S->Hoisted && V->Hoisted);
  EXPECT_EQ(S->UnionGroup, V->UnionGroup);
  std::string Out = emitCpp(K.C).Text;
  EXPECT_NE(Out.find("union { // locals whose scopes do not overlap share "
                     "storage\n    std::string s; // line 3\n"
                     "    std::vector<int> v; // line 6\n  };"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("::new (cosm::lowered::storage(s)) std::string(\"a\");"),
            std::string::npos)
      << Out;
  // The destructor destroys, per state, the guarded local alive there.
  EXPECT_NE(Out.find("case 1: // line 4\n    cosm::lowered::destroy(s);"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("case 2: // line 7\n    cosm::lowered::destroy(v);"),
            std::string::npos)
      << Out;
}

TEST(Layout, OnlyLocalsLiveAcrossASuspendAreHoisted) {
  Coro K("h");
  Var *Before = K.scalar("before", "int", 4, 2);
  Var *After = K.scalar("after", "int", 4, 4);
  K.finish(block(decl(Before, "1"), yield("before", 3), decl(After, "2"),
                 code("use(after);")));
  EXPECT_TRUE(Before->Hoisted);
  EXPECT_FALSE(After->Hoisted);
}

TEST(EmitDot, LoopWithYield) {
  Coro K("countdown", 2);
  buildCountdown(K);
  std::string Dot = dotOf(K);
  // The loop may run zero times; after the yield it loops or ends.
  EXPECT_EQ(edges(Dot), (Edges{"0->1", "0->done", "1->1", "1->done"})) << Dot;
  EXPECT_NE(Dot.find("digraph cosm {"), std::string::npos);
  EXPECT_NE(Dot.find("subgraph cluster_0 {"), std::string::npos);
  EXPECT_NE(Dot.find("label=\"countdown (line 2)\";"), std::string::npos);
  EXPECT_NE(Dot.find("c0_s0 [shape=oval, label=\"0: start\\nline 2\"];"),
            std::string::npos)
      << Dot;
  EXPECT_NE(Dot.find("c0_s1 [label=\"1: co_yield\\nline 4\"];"),
            std::string::npos)
      << Dot;
  EXPECT_NE(Dot.find("c0_done [shape=doublecircle, label=\"done\"];"),
            std::string::npos);
  EXPECT_NE(Dot.find("// edges are conservative: "), std::string::npos);
  EXPECT_TRUE(acceptedBy("dot -Tsvg -o /dev/null", Dot, ".dot")) << Dot;
}

TEST(EmitDot, IfWithYieldsInBothBranches) {
  Coro K("branches");
  K.finish(block(ifElse("c", block(yield("1", 3)), block(yield("2", 5))),
                 code("f();"), yield("3", 7)));
  EXPECT_EQ(edges(dotOf(K)),
            (Edges{"0->1", "0->2", "1->3", "2->3", "3->done"}));
}

TEST(EmitDot, IfWithoutElseCanSkipTheYield) {
  Coro K("maybe");
  K.finish(block(ifElse("c", yield("1", 3)), yield("2", 4)));
  EXPECT_EQ(edges(dotOf(K)), (Edges{"0->1", "0->2", "1->2", "2->done"}));
}

TEST(EmitDot, ReturnGoesToDone) {
  Coro K("returner");
  K.finish(block(yield("1", 2), ifElse("x", ret()), yield("2", 4), ret(),
                 yield("3", 6)));
  // Nothing reaches 3: it follows an unconditional co_return.
  EXPECT_EQ(edges(dotOf(K)),
            (Edges{"0->1", "1->2", "1->done", "2->done", "3->done"}));
}

TEST(EmitDot, CoReturnInVerbatimCode) {
  Coro K("early");
  K.finish(block(yield("1", 2), code("if (x) { cosm_return(1); return; }"),
                 code("std::puts(\"return\"); // return"), yield("2", 5)));
  EXPECT_EQ(edges(dotOf(K)), (Edges{"0->1", "1->2", "1->done", "2->done"}));
  Coro L("quoted");
  L.finish(block(yield("1", 2), code("std::puts(\"return\"); /* return */"),
                 code("returned = R\"x(return)x\";"), yield("2", 5)));
  EXPECT_EQ(edges(dotOf(L)), (Edges{"0->1", "1->2", "2->done"}));
}

TEST(EmitDot, DoWhileRunsAtLeastOnce) {
  Coro K("once");
  K.finish(block(doWhile("more()", block(yield("1", 3)))));
  EXPECT_EQ(edges(dotOf(K)), (Edges{"0->1", "1->1", "1->done"}));
}

TEST(EmitDot, LoopsExitOnlyWhereVerbatimCodeMayBreak) {
  Coro Forever("forever");
  Forever.finish(block(forEver(block(yield("1", 3), yield("2", 4)))));
  EXPECT_EQ(edges(dotOf(Forever)), (Edges{"0->1", "1->2", "2->1"}));

  // Build's lowering of `while (co_yield 1)`: the exit is a verbatim break
  // (which, unseen, might as well be a continue: 1 -> 1).
  Coro Lowered("lowered");
  Lowered.finish(block(
      forEver(block(yield("1", 3), code("if (!(x)) break;"), yield("2", 4)))));
  EXPECT_EQ(edges(dotOf(Lowered)),
            (Edges{"0->1", "1->1", "1->2", "1->done", "2->1"}));

  // A verbatim statement after the second yield may `continue` or `break`.
  Coro Cont("cont");
  Cont.finish(
      block(whileLoop("c", block(yield("1", 3), yield("2", 4),
                                 code("if (y) continue;"), yield("3", 5)))));
  EXPECT_EQ(edges(dotOf(Cont)), (Edges{"0->1", "0->done", "1->2", "2->3",
                                       "2->1", "2->done", "3->1", "3->done"}));
}

TEST(EmitDot, SwitchEntersAnyCase) {
  Coro K("sw");
  K.finish(
      block(switchOf("x", block(label("case 1:"), yield("1", 3), code("break;"),
                                label("case 2:"), yield("2", 5))),
            yield("3", 7)));
  // No default: the switch may skip every case. `break;` is verbatim, so
  // falling into case 2 is kept as possible.
  EXPECT_EQ(edges(dotOf(K)),
            (Edges{"0->1", "0->2", "0->3", "1->2", "1->3", "2->3", "3->done"}));

  Coro D("withDefault");
  D.finish(block(switchOf("x", block(label("case 1:"), yield("1", 3),
                                     label("default:"), yield("2", 5))),
                 yield("3", 7)));
  EXPECT_EQ(edges(dotOf(D)),
            (Edges{"0->1", "0->2", "1->2", "2->3", "3->done"}));
}

TEST(EmitDot, TryHandlersFromAnyPoint) {
  Coro K("catcher");
  K.finish(block(
      tryCatch(block(yield("1", 3), yield("2", 4)), "catch (...) { log(); }"),
      yield("3", 6)));
  EXPECT_EQ(edges(dotOf(K)),
            (Edges{"0->1", "0->3", "1->2", "1->3", "2->3", "3->done"}));

  Coro R("rethrower");
  R.finish(block(
      tryCatch(block(yield("1", 3)), "catch (...) { cosm_return(0); return; }"),
      yield("2", 6)));
  EXPECT_EQ(edges(dotOf(R)),
            (Edges{"0->1", "0->2", "0->done", "1->2", "1->done", "2->done"}));
}

TEST(EmitDot, KindsLinesAndSeveralCoroutines) {
  Coro A("a\"b", 10);
  NodePtr From = yield("", 12);
  From->SuspendKind = Node::YieldFrom;
  NodePtr Await = yield("", 13);
  Await->SuspendKind = Node::Await;
  A.finish(block(std::move(From), std::move(Await)));
  Coro B("second", 20);
  B.finish(block(code("f();")));
  std::string Dot = emitDot({&A.C, &B.C}, "dir/x.cpp");
  EXPECT_NE(Dot.find("label=\"a\\\"b (line 10)\";"), std::string::npos) << Dot;
  EXPECT_NE(Dot.find("c0_s1 [label=\"1: co_yield cosm::from\\nline 12\"];"),
            std::string::npos)
      << Dot;
  EXPECT_NE(Dot.find("c0_s2 [label=\"2: co_await\\nline 13\"];"),
            std::string::npos)
      << Dot;
  EXPECT_NE(Dot.find("subgraph cluster_1 {"), std::string::npos);
  EXPECT_EQ(edges(Dot, 1), (Edges{"0->done"}));
  EXPECT_EQ(Dot, emitDot({&A.C, &B.C}, "dir/x.cpp")); // deterministic
  EXPECT_TRUE(acceptedBy("dot -Tsvg -o /dev/null", Dot, ".dot")) << Dot;
}

namespace {

/// A method with parameters, plain locals, a hoisted reference and a union:
///   self 0, n 8, c 12, d 16, r 24 (a pointer), union {s, v} 32..64.
void buildMixed(Coro &K) {
  K.C.SelfType = "Widget";
  K.param("n", "int", 4, 1);
  K.param("c", "char", 1, 1);
  Var *D = K.scalar("d", "double", 8, 2);
  Var *R = K.reference("r", "int", 3);
  Var *S = K.object("s", "std::string", 32, 8, 5);
  Var *V = K.object("v", "std::vector<int>", 24, 8, 8);
  K.finish(block(decl(D, "0.5"), decl(R, "n"),
                 block(decl(S, "\"x\""), yield("1", 6)),
                 block(decl(V, "{}"), yield("2", 9)), yield("d + r", 10)));
}

} // namespace

TEST(EmitLayout, OffsetsAndSharedStorageAsText) {
  Coro K("mixed", 1);
  buildMixed(K);
  std::string Out = emitLayout({&K.C}, "mixed.cpp", false);
  EXPECT_NE(Out.find("offsets relative to the end of the base"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("mixed (line 1): struct mixed_frame : "
                     "cosm::lowered::generator_frame<int, void, void>"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("4 states (start + 3 suspend points); own members: 64 "
                     "bytes, align 8"),
            std::string::npos)
      << Out;
  auto Row = [&](const std::string &Pattern) {
    return std::regex_search(Out, std::regex(Pattern));
  };
  EXPECT_TRUE(Row(R"(\n +0 +8 +8 +1 +self +Widget \* self\n)")) << Out;
  EXPECT_TRUE(Row(R"(\n +8 +4 +4 +1 +param +int n\n)")) << Out;
  EXPECT_TRUE(Row(R"(\n +12 +1 +1 +1 +param +char c\n)")) << Out;
  EXPECT_TRUE(Row(R"(\n +16 +8 +8 +2 +plain +double d\n)")) << Out;
  EXPECT_TRUE(Row(R"(\n +24 +8 +8 +3 +plain +int \* r\n)")) << Out;
  EXPECT_TRUE(Row(
      R"(\n +32 +32 +8 +5 +union 0 +std::string s  \(shares storage with v\)\n)"))
      << Out;
  EXPECT_TRUE(Row(
      R"(\n +32 +24 +8 +8 +union 0 +std::vector<int> v  \(shares storage with s\)\n)"))
      << Out;
}

TEST(EmitLayout, Json) {
  Coro K("mixed", 1);
  buildMixed(K);
  std::string Out = emitLayout({&K.C}, "dir\\\"q\".cpp", true);
  EXPECT_NE(Out.find("\"file\": \"dir\\\\\\\"q\\\".cpp\""), std::string::npos)
      << Out;
  EXPECT_NE(Out.find("\"name\": \"mixed\""), std::string::npos) << Out;
  EXPECT_NE(Out.find("\"frame\": \"mixed_frame\""), std::string::npos);
  EXPECT_NE(Out.find("\"states\": 4"), std::string::npos);
  EXPECT_NE(Out.find("\"size\": 64,\n      \"align\": 8"), std::string::npos)
      << Out;
  EXPECT_NE(Out.find("{\"name\": \"r\", \"type\": \"int *\", \"line\": 3, "
                     "\"size\": 8, \"align\": 8, \"offset\": 24, "
                     "\"storage\": \"plain\", \"shares_with\": []}"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("{\"name\": \"v\", \"type\": \"std::vector<int>\", "
                     "\"line\": 8, \"size\": 24, \"align\": 8, \"offset\": "
                     "32, \"storage\": \"union 0\", \"shares_with\": [\"s\"]}"),
            std::string::npos)
      << Out;
  EXPECT_TRUE(acceptedBy("python3 -m json.tool", Out, ".json")) << Out;
}

TEST(EmitLayout, UnknownSizesPropagate) {
  Coro K("dependent");
  K.param("t", "T", -1, 1);
  K.param("n", "int", 4, 1);
  K.finish(block(yield("n", 2)));
  std::string Text = emitLayout({&K.C}, "d.cpp", false);
  EXPECT_TRUE(
      std::regex_search(Text, std::regex(R"(\n +\? +\? +\? +1 +param +T t\n)")))
      << Text;
  EXPECT_TRUE(
      std::regex_search(Text, std::regex(R"(\n +\? +4 +4 +1 +param +int n\n)")))
      << Text;
  EXPECT_NE(Text.find("own members: ? bytes, align ?"), std::string::npos)
      << Text;
  std::string Json = emitLayout({&K.C}, "d.cpp", true);
  EXPECT_NE(Json.find("\"size\": null,\n      \"align\": null"),
            std::string::npos)
      << Json;
  EXPECT_TRUE(acceptedBy("python3 -m json.tool", Json, ".json")) << Json;
}

TEST(EmitLayout, EmptyFrameAndNoCoroutines) {
  Coro K("empty");
  K.finish(block(yield("1", 2)));
  EXPECT_NE(emitLayout({&K.C}, "e.cpp", false).find("(no members)"),
            std::string::npos);
  std::string Json = emitLayout({}, "e.cpp", true);
  EXPECT_EQ(Json, "{\n  \"file\": \"e.cpp\",\n  \"offsets\": \"relative to the "
                  "end of the base\",\n  \"coroutines\": []\n}\n");
  EXPECT_TRUE(acceptedBy("python3 -m json.tool", Json, ".json"));
}
