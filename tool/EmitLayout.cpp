//===- EmitLayout.cpp - The frame of each coroutine, member by member ----===//
//
// The members in the order EmitCpp declares them (self pointer, parameters,
// hoisted locals by union group), placed with the usual rules: each member
// at the next multiple of its alignment, a union as wide and as aligned as
// its widest and most aligned member, the whole rounded to its alignment.
// Offsets start at 0 right after the runtime base class: its size depends on
// the runtime's build, not on the coroutine.
//
//===----------------------------------------------------------------------===//
#include "Layout.h"
#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace cosm {

namespace {

constexpr long long Unknown = -1;

struct Member {
  std::string Name, Type;
  std::string Storage; // self, param, plain, or `union N`
  unsigned Line = 0;
  long long Size = Unknown, Align = Unknown, Offset = Unknown;
  std::vector<std::string> SharesWith;
};

struct FrameLayout {
  const Coroutine *C = nullptr;
  std::vector<Member> Members;
  long long Size = 0, Align = 1;
};

long long alignTo(long long N, long long A) { return (N + A - 1) / A * A; }

/// The type of the member EmitCpp declares for a hoisted local.
std::string memberType(const Var &V) {
  if (!V.IsReference)
    return V.Type;
  if (V.Type.find_first_of("[(") != std::string::npos)
    return "std::add_pointer_t<" + V.Type + ">";
  return V.Type + " *";
}

FrameLayout layOut(const Coroutine &C) {
  FrameLayout F;
  F.C = &C;
  // One slot is either one member or a union of several at one offset.
  std::vector<std::vector<Member>> Slots;
  if (!C.SelfType.empty()) {
    // The tool's own pointers have the target's: cosm runs where it lowers.
    Member M{C.SelfName, C.SelfType + " *", "self", C.Line};
    M.Size = sizeof(void *);
    M.Align = alignof(void *);
    Slots.push_back({M});
  }
  for (const Var *P : C.Params) {
    Member M{P->Name, P->IsCapture ? memberType(*P) : P->Type,
             P->IsCapture ? "capture" : "param", P->Line};
    M.Size = P->Size;
    M.Align = P->Align;
    Slots.push_back({M});
  }
  std::map<int, std::vector<const Var *>> Groups;
  for (const auto &V : C.Vars)
    if (V->Hoisted && V->Kind != Var::Param)
      Groups[V->UnionGroup].push_back(V.get());
  int Unions = 0; // numbered as they appear, plain members not counted
  for (const auto &[G, Vs] : Groups) {
    bool Plain = Vs.size() == 1 && (Vs[0]->IsReference || Vs[0]->IsTrivialType);
    std::string Storage = Plain ? "plain" : "union " + std::to_string(Unions++);
    std::vector<Member> Slot;
    for (const Var *V : Vs) {
      Member M{V->Name, memberType(*V), Storage, V->Line};
      M.Size = V->Size;
      M.Align = V->Align;
      for (const Var *Other : Vs)
        if (Other != V)
          M.SharesWith.push_back(Other->Name);
      Slot.push_back(M);
    }
    Slots.push_back(std::move(Slot));
  }

  long long End = 0;
  for (std::vector<Member> &Slot : Slots) {
    long long Size = 0, Align = 1;
    for (const Member &M : Slot) {
      if (M.Size < 0 || M.Align < 1 || Size == Unknown) {
        Size = Align = Unknown;
        continue;
      }
      Size = std::max(Size, M.Size);
      Align = std::max(Align, M.Align);
    }
    if (Size != Unknown) {
      Size = alignTo(Size, Align); // a union's size is a multiple of its align
      F.Align = F.Align == Unknown ? Unknown : std::max(F.Align, Align);
    } else {
      F.Align = Unknown;
    }
    long long Offset =
        (End == Unknown || Size == Unknown) ? Unknown : alignTo(End, Align);
    for (Member &M : Slot) {
      M.Offset = Offset;
      F.Members.push_back(M);
    }
    End = Offset == Unknown ? Unknown : Offset + Size;
  }
  F.Size =
      (End == Unknown || F.Align == Unknown) ? Unknown : alignTo(End, F.Align);
  return F;
}

std::string num(long long N) { return N < 0 ? "?" : std::to_string(N); }

std::string jsonNum(long long N) { return N < 0 ? "null" : std::to_string(N); }

std::string jsonString(const std::string &S) {
  std::string Out = "\"";
  for (char C : S) {
    switch (C) {
    case '"':
      Out += "\\\"";
      break;
    case '\\':
      Out += "\\\\";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\t':
      Out += "\\t";
      break;
    case '\r':
      Out += "\\r";
      break;
    default:
      if (static_cast<unsigned char>(C) < 0x20)
        Out += fmt::format("\\u{:04x}", static_cast<unsigned>(C));
      else
        Out += C;
    }
  }
  return Out + "\"";
}

std::string text(const std::vector<FrameLayout> &Frames,
                 const std::string &FileName) {
  std::string Out = "cosm frame layout of " + FileName + "\n";
  Out += "(offsets relative to the end of the base, the runtime class each "
         "frame derives from; ? = unknown: a dependent type)\n";
  for (const FrameLayout &F : Frames) {
    const Coroutine &C = *F.C;
    Out += fmt::format("\n{} (line {}): struct {} : {}\n", C.Name, C.Line,
                       (C.IsOutOfClass ? C.QualifierPrefix : "") + C.FrameName,
                       C.BaseType);
    Out += fmt::format("  {} state{} (start + {} suspend point{}); own "
                       "members: {} byte{}, align {}\n",
                       C.NumStates + 1, C.NumStates + 1 == 1 ? "" : "s",
                       C.NumStates, C.NumStates == 1 ? "" : "s", num(F.Size),
                       F.Size == 1 ? "" : "s", num(F.Align));
    if (F.Members.empty()) {
      Out += "  (no members)\n";
      continue;
    }
    // Column widths fit the widest cell, so the table lines up.
    size_t WOff = 6, WSize = 4, WAlign = 5, WLine = 4, WStorage = 7;
    for (const Member &M : F.Members) {
      WOff = std::max(WOff, num(M.Offset).size());
      WSize = std::max(WSize, num(M.Size).size());
      WAlign = std::max(WAlign, num(M.Align).size());
      WLine = std::max(WLine, std::to_string(M.Line).size());
      WStorage = std::max(WStorage, M.Storage.size());
    }
    Out += fmt::format("  {:>{}}  {:>{}}  {:>{}}  {:>{}}  {:<{}}  member\n",
                       "offset", WOff, "size", WSize, "align", WAlign, "line",
                       WLine, "storage", WStorage);
    for (const Member &M : F.Members) {
      std::string Row = fmt::format(
          "  {:>{}}  {:>{}}  {:>{}}  {:>{}}  {:<{}}  {} {}", num(M.Offset),
          WOff, num(M.Size), WSize, num(M.Align), WAlign, M.Line, WLine,
          M.Storage, WStorage, M.Type, M.Name);
      if (!M.SharesWith.empty()) {
        Row += "  (shares storage with ";
        for (size_t I = 0; I < M.SharesWith.size(); ++I)
          Row += (I ? ", " : "") + M.SharesWith[I];
        Row += ")";
      }
      Out += Row + "\n";
    }
  }
  return Out;
}

std::string json(const std::vector<FrameLayout> &Frames,
                 const std::string &FileName) {
  std::string Out = "{\n";
  Out += "  \"file\": " + jsonString(FileName) + ",\n";
  Out += "  \"offsets\": \"relative to the end of the base\",\n";
  Out += "  \"coroutines\": [";
  for (size_t I = 0; I < Frames.size(); ++I) {
    const FrameLayout &F = Frames[I];
    const Coroutine &C = *F.C;
    Out += I ? ",\n" : "\n";
    Out += "    {\n";
    Out += "      \"name\": " + jsonString(C.Name) + ",\n";
    Out += fmt::format("      \"line\": {},\n", C.Line);
    Out += "      \"frame\": " + jsonString(C.FrameName) + ",\n";
    Out += "      \"base\": " + jsonString(C.BaseType) + ",\n";
    Out += fmt::format("      \"states\": {},\n", C.NumStates + 1);
    Out += fmt::format("      \"suspend_points\": {},\n", C.NumStates);
    Out += "      \"size\": " + jsonNum(F.Size) + ",\n";
    Out += "      \"align\": " + jsonNum(F.Align) + ",\n";
    Out += "      \"members\": [";
    for (size_t J = 0; J < F.Members.size(); ++J) {
      const Member &M = F.Members[J];
      Out += J ? ",\n" : "\n";
      Out += "        {\"name\": " + jsonString(M.Name) +
             ", \"type\": " + jsonString(M.Type) +
             fmt::format(", \"line\": {}", M.Line) +
             ", \"size\": " + jsonNum(M.Size) +
             ", \"align\": " + jsonNum(M.Align) +
             ", \"offset\": " + jsonNum(M.Offset) +
             ", \"storage\": " + jsonString(M.Storage) + ", \"shares_with\": [";
      for (size_t K = 0; K < M.SharesWith.size(); ++K)
        Out += (K ? ", " : "") + jsonString(M.SharesWith[K]);
      Out += "]}";
    }
    Out += F.Members.empty() ? "]\n" : "\n      ]\n";
    Out += "    }";
  }
  Out += Frames.empty() ? "]\n" : "\n  ]\n";
  Out += "}\n";
  return Out;
}

} // namespace

std::string emitLayout(const std::vector<const Coroutine *> &Coroutines,
                       const std::string &FileName, bool Json) {
  std::vector<FrameLayout> Frames;
  for (const Coroutine *C : Coroutines)
    Frames.push_back(layOut(*C));
  return Json ? json(Frames, FileName) : text(Frames, FileName);
}

} // namespace cosm
