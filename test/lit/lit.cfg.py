# lit configuration for cosm's tool tests.
import os
import lit.formats

config.name = "cosm"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.cosm_obj_dir

include = os.path.join(config.cosm_source_dir, "runtime", "include")
examples = os.path.join(config.cosm_source_dir, "docs", "examples")
run_both = os.path.join(config.test_source_root, "run_both.py")
sanitize = ["--sanitize", config.sanitize] if config.sanitize else []

config.environment["PATH"] = os.pathsep.join(
    [os.path.dirname(config.filecheck), config.environment.get("PATH", os.environ["PATH"])])

config.substitutions.append(("%python", config.python))
config.substitutions.append(("%cosm-include", include))
config.substitutions.append(("%examples", examples))
config.substitutions.append(("%cosm", config.cosm))
config.substitutions.append(("%FileCheck", config.filecheck))
config.substitutions.append(("%cxx20", "%s -std=c++20 -Wall -Wextra -Werror -I%s" % (config.clangxx, include)))
config.substitutions.append(("%gxx17", "%s -std=c++17 -Wall -Wextra -Werror -I%s" % (config.gxx, include)))
config.substitutions.append(("%clang17", "%s -std=c++17 -Wall -Wextra -Werror -I%s" % (config.clangxx, include)))
config.substitutions.append(("%run-both", " ".join(
    [config.python, run_both, "--cosm", config.cosm, "--include", include,
     "--lib", config.runtime_lib, "--clangxx", config.clangxx, "--gxx", config.gxx]
    + sanitize + ["--tmp", "%t"])))
