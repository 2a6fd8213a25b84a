package cli

import (
	"os"
	"path/filepath"
)

// projectRoot is the directory GitLab Code Quality paths are relative to:
// $CI_PROJECT_DIR in a GitLab job (where the runner checked the repository
// out), else the nearest directory from the working directory upwards that
// holds .git, else the working directory.
func projectRoot(env Env) string {
	if d := env.Getenv("CI_PROJECT_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Clean(d)
	}
	for dir := env.Cwd; dir != ""; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return env.Cwd
}
