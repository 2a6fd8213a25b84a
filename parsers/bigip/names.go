package bigip

import "strings"

// DefaultFolder is where tmsh resolves relative names unless told otherwise:
// every session starts in /Common.
const DefaultFolder = "/Common"

// NormalizeName makes an object name absolute: a name starting with "/" is
// returned as is; a relative one ("pool1", "Shared/pool1") is joined to
// folder ("/Common" when folder is ""). NormalizeName("pool1", "/Common") =
// "/Common/pool1". The empty name stays empty. It does not interpret tmsh
// keywords such as "none": callers that read references check for those.
func NormalizeName(name, folder string) string {
	if name == "" || strings.HasPrefix(name, "/") {
		return name
	}
	if folder == "" {
		folder = DefaultFolder
	}
	if !strings.HasPrefix(folder, "/") {
		folder = "/" + folder
	}
	return strings.TrimSuffix(folder, "/") + "/" + name
}

// SplitName splits an absolute name into its partition, its folder (the
// path up to the last "/") and its base name:
// "/Common/app.app/vs" → ("Common", "/Common/app.app", "vs").
// A relative name has no partition and no folder.
func SplitName(full string) (partition, folder, base string) {
	if !strings.HasPrefix(full, "/") {
		return "", "", full
	}
	i := strings.LastIndexByte(full, '/')
	folder, base = full[:i], full[i+1:]
	rest := full[1:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		partition = rest[:j]
	} else {
		partition = rest
	}
	if folder == "" {
		// "/Common" itself: a partition, whose folder is the root.
		folder = "/"
	}
	return partition, folder, base
}

// PartitionOf returns the partition of an absolute name ("Common"), or "".
func PartitionOf(full string) string {
	p, _, _ := SplitName(full)
	return p
}
