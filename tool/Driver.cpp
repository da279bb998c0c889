//===- Driver.cpp - The cosm command line --------------------------------===//
//
// Parses each input with Clang (LibTooling conventions: -p, --extra-arg,
// `--`), runs Find -> Check -> Build/Spill -> Layout -> States -> Emit on
// every cosm coroutine of the main file, splices the lowered text in place
// of each definition, and writes the result atomically.
//
//===----------------------------------------------------------------------===//
#include "Build.h"
#include "Layout.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Format/Format.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/Lexer.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <set>

using namespace clang;
using namespace clang::tooling;
using namespace llvm;

static cl::OptionCategory CosmCategory("cosm options");
static cl::opt<std::string>
    OutputFile("o",
               cl::desc("Write the output to <file> (- for stdout). Written "
                        "atomically: a failed run leaves an existing file "
                        "untouched"),
               cl::value_desc("file"), cl::cat(CosmCategory));
static cl::opt<std::string>
    OutputDir("output-dir",
              cl::desc("With several inputs: write each lowered file to "
                       "<dir>/<input file name>"),
              cl::value_desc("dir"), cl::cat(CosmCategory));
static cl::opt<std::string>
    FormatStyle("style",
                cl::desc("clang-format style for the lowered code: LLVM "
                         "(default), Google, ..., `file` (the input's "
                         ".clang-format), or none to leave it unformatted"),
                cl::init("LLVM"), cl::cat(CosmCategory));
enum class EmitKind { Cpp, Dot, Layout };
static cl::opt<EmitKind> Emit(
    "emit", cl::desc("What to write"), cl::init(EmitKind::Cpp),
    cl::values(clEnumValN(EmitKind::Cpp, "cpp", "the lowered C++17 (default)"),
               clEnumValN(EmitKind::Dot, "dot",
                          "the state graph of each coroutine (Graphviz)"),
               clEnumValN(EmitKind::Layout, "layout",
                          "the frame layout of each coroutine")),
    cl::cat(CosmCategory));
static cl::opt<std::string>
    LayoutFormat("format",
                 cl::desc("With --emit=layout: text (default) or json"),
                 cl::init("text"), cl::cat(CosmCategory));
static cl::opt<bool>
    Verify("verify",
           cl::desc("Check the diagnostics against `// expected-error {{...}}` "
                    "(and -warning, -note) comments in the input, like clang "
                    "-verify; exit status 0 when they match. Writes no output"),
           cl::cat(CosmCategory));
static cl::opt<bool>
    WriteDeps("MD",
              cl::desc("Write a Makefile-style depfile (see -MF) listing "
                       "every file the input includes"),
              cl::cat(CosmCategory));
static cl::opt<std::string>
    DepFile("MF",
            cl::desc("The depfile to write with -MD (default: the output "
                     "file with .d appended)"),
            cl::value_desc("file"), cl::cat(CosmCategory));
static cl::opt<std::string>
    DepTarget("MT",
              cl::desc("The target named in the depfile (default: the "
                       "output file)"),
              cl::value_desc("target"), cl::cat(CosmCategory));
static cl::opt<bool> LineDirectives(
    "line-directives",
    cl::desc("Emit #line directives so that compiler errors and debuggers "
             "in the lowered file point at the input's lines"),
    cl::cat(CosmCategory));
static cl::extrahelp CommonHelp(CommonOptionsParser::HelpMessage);
static cl::extrahelp MoreHelp(R"(
cosm rewrites every function returning cosm::generator<...> or cosm::task<...>
whose body uses co_yield / co_await / co_return into a plain C++17 state
machine; everything else in the file is copied through unchanged. The input
is compiled as C++20 (unless a -std flag says otherwise) with cosm's runtime
headers on the include path.

Examples:
  cosm countdown.cpp -o countdown.lowered.cpp
  cosm -p build src/server.cpp -o server.lowered.cpp
  cosm a.cpp b.cpp --output-dir lowered/ -- -std=c++20 -Iinclude
)");

namespace cosm {
namespace {

struct Replacement {
  unsigned Begin, End;
  std::string Text;
};

class LowerConsumer : public ASTConsumer {
public:
  LowerConsumer(std::map<std::string, std::string> &Outputs, bool &Failed)
      : Outputs(Outputs), Failed(Failed) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    DiagnosticsEngine &Diags = Ctx.getDiagnostics();
    SourceManager &SM = Ctx.getSourceManager();
    diagnoseForgottenAwaits(Ctx, Diags);
    if (Diags.hasErrorOccurred()) {
      Failed = true;
      return;
    }
    StringRef Buf = SM.getBufferData(SM.getMainFileID());
    std::vector<Replacement> Reps;
    std::set<std::string> FrameNames;
    std::vector<std::unique_ptr<Coroutine>> Coroutines;
    std::map<const FunctionDecl *, std::string> ByValueFrames;
    std::vector<FoundCoroutine> Found = findCoroutines(Ctx, Diags);
    // The body ranges of everything lowered: a coroutine lambda inside one
    // of them would be rewritten twice.
    std::vector<std::pair<unsigned, unsigned>> Bodies;
    for (const FoundCoroutine &F : Found)
      Bodies.push_back(
          {SM.getFileOffset(SM.getExpansionLoc(F.FD->getBody()->getBeginLoc())),
           SM.getFileOffset(SM.getExpansionLoc(F.FD->getBody()->getEndLoc()))});
    for (const FoundCoroutine &F : Found) {
      const FunctionDecl *FD = F.FD;
      if (F.Lambda) {
        unsigned At =
            SM.getFileOffset(SM.getExpansionLoc(F.Lambda->getBeginLoc()));
        bool Inside = false;
        for (auto [BB, BE] : Bodies)
          Inside |= BB < At && At < BE;
        if (Inside) {
          reportError(Diags, F.Lambda->getBeginLoc(),
                      "a coroutine lambda inside a coroutine is not supported "
                      "by cosm; define it outside, or make it a function");
          continue;
        }
      }
      if (!checkCoroutine(F, Ctx, Diags))
        continue;
      std::unique_ptr<Coroutine> C = buildCoroutine(F, Ctx, Diags);
      if (!C)
        continue;
      SourceLocation Begin = FD->getBeginLoc();
      if (const FunctionTemplateDecl *FTD = FD->getDescribedFunctionTemplate())
        Begin = FTD->getBeginLoc();
      Begin = SM.getExpansionLoc(Begin);
      SourceLocation BodyBegin =
          SM.getExpansionLoc(FD->getBody()->getBeginLoc());
      SourceLocation BodyEnd = Lexer::getLocForEndOfToken(
          SM.getExpansionLoc(FD->getBody()->getEndLoc()), 0, SM,
          Ctx.getLangOpts());
      unsigned B = SM.getFileOffset(Begin), BB = SM.getFileOffset(BodyBegin),
               E = SM.getFileOffset(BodyEnd);
      if (C->FrameInBody)
        B = BB; // only the body is rewritten
      C->Signature = Buf.slice(B, BB).str();
      // A name no token of the translation unit uses (comments don't count).
      auto Used = [&](const std::string &N) {
        return FrameNames.count(N) || Ctx.Idents.find(N) != Ctx.Idents.end();
      };
      std::string Name = C->Name + "_frame";
      for (unsigned N = 2; Used(Name); ++N)
        Name = C->Name + "_frame_" + std::to_string(N);
      FrameNames.insert(Name);
      C->FrameName = Name;
      if (LineDirectives)
        C->LineFile = lineFileName(SM);

      bool LayoutOk = true;
      for (const LayoutError &LE : layoutFrame(*C)) {
        reportError(Diags, SourceLocation::getFromRawEncoding(LE.RawLoc),
                    LE.Message);
        LayoutOk = false;
      }
      if (!LayoutOk)
        continue;
      numberStates(*C);
      EmittedCoroutine Emitted = emitCpp(*C);
      std::string Text = std::move(Emitted.Text);
      if (!Emitted.AfterClass.empty()) {
        // After the outermost class around the method, and its `;`.
        const DeclContext *DC = FD->getParent();
        const CXXRecordDecl *Outer = cast<CXXRecordDecl>(DC);
        while (isa<CXXRecordDecl>(DC->getParent()))
          DC = DC->getParent(), Outer = cast<CXXRecordDecl>(DC);
        unsigned ClassEnd = SM.getFileOffset(SM.getExpansionLoc(
                                Outer->getBraceRange().getEnd())) +
                            1;
        size_t Semi = Buf.find_first_not_of(" \t\r\n", ClassEnd);
        if (Semi != StringRef::npos && Buf[Semi] == ';')
          ClassEnd = Semi + 1;
        std::string After = "\n\n" + Emitted.AfterClass;
        if (LineDirectives)
          After +=
              "#line " +
              std::to_string(SM.getLineNumber(SM.getMainFileID(), ClassEnd)) +
              " \"" + C->LineFile + "\"\n";
        Reps.push_back({ClassEnd, ClassEnd, std::move(After)});
      }
      if (LineDirectives) // back to the input for what follows
        Text += "#line " + std::to_string(SM.getExpansionLineNumber(BodyEnd)) +
                " \"" + C->LineFile + "\"\n";
      Reps.push_back({B, E, std::move(Text)});
      // Free, non-template generators can be consumed by value (CallSites).
      // (Only with external linkage: an internal function left uncalled
      // would draw -Wunused-function.)
      if (F.Kind == CoroKind::Generator && !isa<CXXMethodDecl>(FD) &&
          C->TemplateHeader.empty() && FD->isExternallyVisible() &&
          !FD->getEnclosingNamespaceContext()->isInlineNamespace()) {
        std::string NS;
        if (const auto *ND =
                dyn_cast<NamespaceDecl>(FD->getEnclosingNamespaceContext()))
          NS = ND->isAnonymousNamespace() ? "" : ND->getQualifiedNameAsString();
        if (NS.find("(anonymous") == std::string::npos)
          ByValueFrames[FD->getFirstDecl()] =
              (NS.empty() ? "" : "::" + NS + "::") + C->FrameName;
      }
      Coroutines.push_back(std::move(C));
    }
    if (Diags.hasErrorOccurred()) {
      Failed = true;
      return;
    }
    std::vector<std::pair<unsigned, unsigned>> Rewritten;
    for (const Replacement &R : Reps)
      Rewritten.push_back({R.Begin, R.End});
    for (TextEdit &TE : localGeneratorCalls(Ctx, ByValueFrames, Rewritten))
      Reps.push_back({TE.Begin, TE.End, std::move(TE.Text)});
    // Stable: several methods of one class insert at the same place, in
    // source order.
    std::stable_sort(Reps.begin(), Reps.end(),
                     [](const Replacement &A, const Replacement &B) {
                       return A.Begin < B.Begin;
                     });
    std::string FileName =
        std::string(SM.getFileEntryRefForID(SM.getMainFileID())->getName());
    if (Emit != EmitKind::Cpp) {
      std::vector<const Coroutine *> All;
      for (const auto &C : Coroutines)
        All.push_back(C.get());
      std::string Base = sys::path::filename(FileName).str();
      Outputs[FileName] = Emit == EmitKind::Dot
                              ? emitDot(All, Base)
                              : emitLayout(All, Base, LayoutFormat == "json");
      return;
    }
    std::string Out = "// Lowered by cosm " COSM_VERSION " from " +
                      sys::path::filename(FileName).str() +
                      ": edit that file, not this one.\n";
    if (LineDirectives)
      Out += "#line 1 \"" + lineFileName(SM) + "\"\n";
    unsigned Pos = 0;
    std::vector<tooling::Range> Lowered;
    for (const Replacement &R : Reps) {
      Out += Buf.slice(Pos, R.Begin).str();
      Lowered.push_back(tooling::Range(Out.size(), R.Text.size()));
      Out += R.Text;
      Pos = R.End;
    }
    Out += Buf.substr(Pos).str();
    Outputs[FileName] = formatLowered(std::move(Out), Lowered, FileName);
  }

  /// The input's name as `#line` gives it: as on the command line, escaped.
  static std::string lineFileName(SourceManager &SM) {
    std::string Name =
        std::string(SM.getFileEntryRefForID(SM.getMainFileID())->getName());
    std::string Escaped;
    for (char Ch : Name) {
      if (Ch == '\\' || Ch == '"')
        Escaped += '\\';
      Escaped += Ch;
    }
    return Escaped;
  }

  /// Formats only the lowered code; the user's own code stays as written.
  static std::string formatLowered(std::string Code,
                                   const std::vector<tooling::Range> &Ranges,
                                   StringRef FileName) {
    if (FormatStyle == "none" || Ranges.empty())
      return Code;
    Expected<format::FormatStyle> Style =
        format::getStyle(FormatStyle, FileName, "LLVM");
    if (!Style) {
      errs() << "cosm: warning: " << toString(Style.takeError())
             << "; using the LLVM style\n";
      Style = format::getLLVMStyle();
    }
    // The dispatch switches read best one `case N: goto label;` a line.
    Style->AllowShortCaseLabelsOnASingleLine = true;
    tooling::Replacements Fixes =
        format::reformat(*Style, Code, Ranges, FileName);
    Expected<std::string> Formatted =
        tooling::applyAllReplacements(Code, Fixes);
    if (!Formatted) {
      consumeError(Formatted.takeError());
      return Code;
    }
    return *Formatted;
  }

  std::map<std::string, std::string> &Outputs;
  bool &Failed;
};

class LowerAction : public ASTFrontendAction {
public:
  LowerAction(std::map<std::string, std::string> &Outputs, bool &Failed)
      : Outputs(Outputs), Failed(Failed) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<LowerConsumer>(Outputs, Failed);
  }
  std::map<std::string, std::string> &Outputs;
  bool &Failed;
};

class LowerFactory : public FrontendActionFactory {
public:
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<LowerAction>(Outputs, Failed);
  }
  std::map<std::string, std::string> Outputs;
  bool Failed = false;
};

/// Writes Text to Path through a temporary beside it, so an existing file
/// is replaced only by a complete new one.
bool writeAtomically(StringRef Path, StringRef Text) {
  SmallString<256> Temp;
  SmallString<256> Model(Path);
  Model += ".cosm-%%%%%%";
  int FD;
  if (std::error_code EC = sys::fs::createUniqueFile(Model, FD, Temp)) {
    errs() << "cosm: error: cannot write '" << Path << "': " << EC.message()
           << "\n";
    return false;
  }
  {
    raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      errs() << "cosm: error: cannot write '" << Path
             << "': " << OS.error().message() << "\n";
      OS.clear_error();
      sys::fs::remove(Temp);
      return false;
    }
  }
  if (std::error_code EC = sys::fs::rename(Temp, Path)) {
    errs() << "cosm: error: cannot write '" << Path << "': " << EC.message()
           << "\n";
    sys::fs::remove(Temp);
    return false;
  }
  return true;
}

/// Where cosm's runtime headers are: beside an installed tool
/// (<prefix>/bin/../include), else the source tree it was built from.
std::string RuntimeIncludeDir = COSM_RUNTIME_INCLUDE_DIR;

void findRuntimeHeaders(const char *Argv0) {
  std::string Exe =
      sys::fs::getMainExecutable(Argv0, (void *)&findRuntimeHeaders);
  SmallString<256> Dir(sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Dir, "include");
  SmallString<256> Probe(Dir);
  sys::path::append(Probe, "cosm", "cosm.hpp");
  if (!Exe.empty() && sys::fs::exists(Probe))
    RuntimeIncludeDir = std::string(Dir);
}

/// GCC flags that Clang rejects, as they appear in compile databases made
/// for g++.
bool isGccOnlyFlag(StringRef A) {
  static const char *const Prefixes[] = {"-fno-tree-",
                                         "-ftree-",
                                         "-fipa-",
                                         "-fconserve-stack",
                                         "-fno-canonical-system-headers",
                                         "-fstack-usage",
                                         "-fcoroutines",
                                         "-Wno-psabi",
                                         "-mabi=",
                                         "-fmax-errors",
                                         "-fno-var-tracking",
                                         "-fsched-pressure",
                                         "-fno-ipa-",
                                         "-Wimplicit-fallthrough=",
                                         "-Wformat-truncation",
                                         "-Wformat-overflow",
                                         "-Wstringop-",
                                         "-Wclobbered",
                                         "-Wlogical-op",
                                         "-Wduplicated-",
                                         "-Wuseless-cast",
                                         "-Wno-maybe-uninitialized",
                                         "-Wmaybe-uninitialized"};
  for (const char *P : Prefixes)
    if (A.starts_with(P))
      return true;
  return false;
}

/// Clang flags cosm needs whatever the compile command says. They go right
/// after the compiler's name: a compile database's command may end with
/// `-- file.cpp`, after which nothing is a flag.
CommandLineArguments adjustArguments(const CommandLineArguments &Args,
                                     StringRef) {
  if (Args.empty())
    return Args;
  bool HasStd = false;
  for (const std::string &A : Args)
    if (StringRef(A).starts_with("-std=") || StringRef(A).starts_with("--std"))
      HasStd = true;
  CommandLineArguments Out = {Args[0],
                              "-resource-dir=" COSM_CLANG_RESOURCE_DIR};
  if (!HasStd)
    Out.push_back("-std=c++20");
  // Searched after the user's own -I, so an installed cosm can be overridden.
  Out.push_back("-idirafter");
  Out.push_back(RuntimeIncludeDir);
  if (WriteDeps) {
    std::string Target = !DepTarget.empty()    ? DepTarget.getValue()
                         : !OutputFile.empty() ? OutputFile.getValue()
                                               : std::string("-");
    std::string File = !DepFile.empty()      ? DepFile.getValue()
                       : !OutputFile.empty() ? OutputFile + ".d"
                                             : std::string();
    if (!File.empty()) {
      Out.push_back("-MD");
      Out.push_back("-MF");
      Out.push_back(File);
      Out.push_back("-MT");
      Out.push_back(Target);
    }
  }
  if (Verify) {
    Out.push_back("-Xclang");
    Out.push_back("-verify");
  }
  for (size_t I = 1; I < Args.size(); ++I)
    if (!isGccOnlyFlag(Args[I]))
      Out.push_back(Args[I]);
  return Out;
}

} // namespace
} // namespace cosm

int main(int argc, const char **argv) {
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "cosm " COSM_VERSION " (LLVM/Clang " LLVM_VERSION_STRING ")\n";
  });
  cosm::findRuntimeHeaders(argv[0]);
  // Without `--` or -p, LibTooling looks for a compile database above the
  // input and, finding none, prints three lines of complaint before it goes
  // on with no flags. Going on with no flags is what `cosm file.cpp` means:
  // say `--` for it when no database is there.
  std::vector<const char *> Args(argv, argv + argc);
  bool Explicit = false;
  for (const char *A : Args) {
    StringRef S(A);
    Explicit |= S == "--" || S == "-p" || S.starts_with("-p=") ||
                S.starts_with("--p=") || S == "--p";
  }
  if (!Explicit) {
    bool Found = false;
    for (size_t I = 1; I < Args.size() && !Found; ++I) {
      std::string Error;
      if (Args[I][0] != '-' && sys::fs::is_regular_file(Args[I]))
        Found = CompilationDatabase::autoDetectFromSource(Args[I], Error) !=
                nullptr;
    }
    if (!Found)
      Args.push_back("--");
  }
  int ArgCount = static_cast<int>(Args.size());
  auto Parser = CommonOptionsParser::create(ArgCount, Args.data(), CosmCategory,
                                            cl::OneOrMore);
  if (!Parser) {
    errs() << toString(Parser.takeError());
    return 1;
  }
  const std::vector<std::string> &Sources = Parser->getSourcePathList();
  if (!OutputFile.empty() && Sources.size() > 1) {
    errs() << "cosm: error: -o takes one input; use --output-dir for several\n";
    return 1;
  }
  if (LayoutFormat != "text" && LayoutFormat != "json") {
    errs() << "cosm: error: --format takes text or json\n";
    return 1;
  }
  if (WriteDeps && DepFile.empty() && OutputFile.empty()) {
    errs() << "cosm: error: -MD needs -MF <file> or -o <file>\n";
    return 1;
  }
  for (const std::string &S : Sources)
    if (!sys::fs::exists(S)) {
      errs() << "cosm: error: no such file: '" << S << "'\n";
      return 1;
    }
  // A file the compile database does not list would get flags guessed from
  // a neighbour: refuse instead of lowering with the wrong flags.
  for (const std::string &S : Sources)
    for (const CompileCommand &Cmd :
         Parser->getCompilations().getCompileCommands(S))
      if (!Cmd.Heuristic.empty()) {
        errs() << "cosm: error: '" << S
               << "' is not in the compilation database (" << Cmd.Heuristic
               << "); add it, or give its flags after --\n";
        return 1;
      }
  ClangTool Tool(Parser->getCompilations(), Sources);
  Tool.appendArgumentsAdjuster(cosm::adjustArguments);
  cosm::LowerFactory Factory;
  int Status = Tool.run(&Factory);
  if (Verify)
    return Status == 0 ? 0 : 1; // the verifier has reported any mismatch
  if (Status != 0 || Factory.Failed || Factory.Outputs.size() != Sources.size())
    return 1;

  if (!OutputDir.empty()) {
    if (std::error_code EC = sys::fs::create_directories(OutputDir)) {
      errs() << "cosm: error: cannot create '" << OutputDir
             << "': " << EC.message() << "\n";
      return 1;
    }
    // Two inputs with one file name would overwrite each other's output.
    std::map<std::string, std::string> ByName;
    for (const auto &Entry : Factory.Outputs) {
      std::string Name = sys::path::filename(Entry.first).str();
      auto [It, New] = ByName.insert({Name, Entry.first});
      if (!New) {
        errs() << "cosm: error: '" << It->second << "' and '" << Entry.first
               << "' would both be written to " << OutputDir << "/" << Name
               << "\n";
        return 1;
      }
    }
  }
  for (const auto &[File, Text] : Factory.Outputs) {
    if (OutputFile == "-") {
      outs() << Text;
    } else if (!OutputFile.empty()) {
      if (!cosm::writeAtomically(OutputFile, Text))
        return 1;
    } else if (!OutputDir.empty()) {
      SmallString<256> Path(OutputDir);
      sys::path::append(Path, sys::path::filename(File));
      if (!cosm::writeAtomically(Path, Text))
        return 1;
    } else {
      outs() << Text;
    }
  }
  return 0;
}
