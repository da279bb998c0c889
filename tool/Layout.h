//===- Layout.h - Which locals live in the frame, and where ---------------===//
#ifndef COSM_LAYOUT_H
#define COSM_LAYOUT_H

#include "IR.h"

namespace cosm {

struct LayoutError {
  unsigned RawLoc;
  std::string Message;
};

/// Decides which locals are hoisted into the frame (those whose scope holds
/// a suspend point after their declaration), gives each a unique member
/// name, and groups hoisted locals with disjoint scopes into unions.
std::vector<LayoutError> layoutFrame(Coroutine &C);

/// Numbers the suspend points and builds the dispatch regions.
void numberStates(Coroutine &C);

/// The lowered C++ of one coroutine: what replaces its definition, and
/// (for frames nested in a class) nothing else.
struct EmittedCoroutine {
  std::string Text;       // replaces the definition
  std::string AfterClass; // goes after the outermost enclosing class
};
EmittedCoroutine emitCpp(const Coroutine &C);

/// --emit=dot: the state graph of each coroutine, as one Graphviz digraph.
std::string emitDot(const std::vector<const Coroutine *> &Coroutines,
                    const std::string &FileName);

/// --emit=layout: the frame of each coroutine (members, sizes, offsets,
/// shared storage), as a text table or, with Json, as JSON for tools.
std::string emitLayout(const std::vector<const Coroutine *> &Coroutines,
                       const std::string &FileName, bool Json);

} // namespace cosm

#endif
