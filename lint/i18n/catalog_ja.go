package i18n

// catalogJA is the Japanese catalogue: the English format (or fixed text) as
// written in the code → its Japanese text. Arguments keep their verbs; a
// translation that reorders them uses explicit indexes (%[2]s). Directive
// names, rule IDs, file paths and the error strings of nginx and OpenSSL stay
// verbatim, in quotes, since operators grep for them.
// TestCatalogComplete (catalog_test.go) fails on a format the code can emit
// without an entry here, and on an entry no code emits any more.
var catalogJA = map[string]string{}
