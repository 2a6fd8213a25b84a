// Package bigip reads F5 BIG-IP configuration as BIG-IP writes it: the tmsh
// configuration language of /config/bigip.conf, bigip_base.conf,
// profile_base.conf and partitions/*/bigip.conf, single configuration files
// (SCF, `tmsh save sys config file`), and `tmsh list` output; and the
// containers those files come in: a config directory, an extracted UCS or
// qkview tree, or a UCS archive read in memory.
//
// The package produces a syntax tree with exact byte positions, nothing
// more: it does not know what a virtual server means. Mapping the tree into
// tlslint's common model (listeners, upstreams, TLS policies) is done by the
// model builder on top of it.
//
// # The tmsh language
//
// A file is a sequence of top-level objects:
//
//	ltm virtual /Common/vs_app {          module type name {
//	    destination /Common/10.0.0.1%2:443    key value…
//	    profiles {                            key {        (nested block)
//	        /Common/clientssl {                   key { … }
//	            context clientside
//	        }
//	    }
//	    vlans-enabled                         key          (flag, no value)
//	    options { no-tlsv1 no-tlsv1.1 }       key { list }
//	}
//	ltm node /Common/n1 { address 10.0.0.1 }  (one-line object)
//
// The header is a module word (ltm, sys, net, apm, …), one or more type
// words and usually a name: absolute (/Partition/folder/name) in bigip.conf,
// relative (pool1) in `tmsh list` output and in profile_base.conf. Some
// objects are singletons without a name (`sys global-settings { … }`).
// Which header words are types and which is the name is decided by a leading
// "/" (an absolute name), then by a table of known object kinds, then by
// position (the last word of three or more); see [Object].
//
// Inside a body every line is a property: a key, zero or more values, and an
// optional block. Values are bare words or double-quoted strings, which may
// span lines and use backslash escapes. A block `{ a b c }` is either a
// nested object (lines of properties) or a list; [Block.List] reads it as a
// list. Lines whose first character is `#` are comments.
//
// The bodies of iRules (`ltm rule`, `gtm rule`, `pem irule`) and other
// script objects (`cli script`, `sys icall script`, `sys application
// template`) are TCL, not tmsh. They are delimited the way TCL reads them
// (comment lines, quoted words, braced words, backslash escapes), so a brace
// in an iRule comment or string does not derail the parse, and kept
// verbatim with their position in [Object.Raw]. A script whose braces do
// not balance even as TCL reads them (BIG-IP would reject it) is delimited
// by the layout BIG-IP writes, with a warning. `ltm data-group` bodies are
// ordinary tmsh (records { key { data value } }) and are parsed as such.
//
// `tmsh list … one-line` output, which runs every property of an object
// together on one line, cannot be split without the tmsh schema; it is read
// as far as the grammar allows and reported with a warning.
//
// # Errors
//
// Parsing never stops at the first problem, never panics and runs in time
// linear in its input: every problem becomes an [Error] with file:line:col
// and what was expected, the parser resynchronises (at the next top-level
// object when an object is broken), and all objects it could read are
// returned. A [File] with errors is still usable; File.Warnings lists what
// was read despite being odd.
//
// # Inputs
//
// [Parse] and [ParseFile] read one file. [Load] reads any input: a file, a
// config directory or tree ([LoadDir]), or a UCS/qkview archive
// ([OpenArchive], [LoadArchive]), which is read in memory and exposed as a
// read-only fs.FS; [Config] then gives the files in load order, object
// lookups, and the certificate and key files of the filestore
// ([Config.FindFile]). [Detect] recognises tmsh text for `--type auto`.
package bigip
