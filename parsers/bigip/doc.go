// Package bigip reads F5 BIG-IP configuration as BIG-IP writes it: the tmsh
// configuration language of /config/bigip.conf, bigip_base.conf,
// profile_base.conf and partitions/*/bigip.conf, single configuration files
// (SCF, `tmsh save sys config file`), and `tmsh list` output; and the
// containers those files come in: a config directory, an extracted UCS or
// qkview tree, or a UCS archive read in memory.
//
// The parser produces a syntax tree with exact byte positions; LoadModel
// maps it into tlslint's common model (see "The model" below).
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
//
// # The model
//
// [LoadModel] (a path) and [LoadModelBytes] (standard input) add an input
// to a lint.Model. Every source file is registered with Model.AddSource
// under its display name ("backup.ucs!config/bigip.conf" inside archives;
// Source.Path is set only for files on disk, which fixes may rewrite).
// Syntax errors are TL001 findings and the rest still loads; a reference to
// a profile, pool, iRule, certificate, key, cipher group or rule that is
// neither defined nor built in is a TL002 finding at the reference.
//
// Each `ltm virtual` becomes one lint.Listener per client-ssl profile
// attached on the client side (context clientside or all), or one plain
// listener: Product BigIP, Context "virtual" (Bind.Network "udp", "sctp"…
// for protocols other than TCP, except QUIC: a UDP virtual with a quic
// profile is a QUIC bind), Subject the virtual's full path, Pos its header. Its one
// Bind comes from destination (or inline traffic-matching-criteria): Addr
// as written without folder, route domain kept ("10.0.0.1%2"; %0 dropped,
// any → 0.0.0.0), port service names resolved, PortPos at the port text;
// SSL and SSLPos from the client-ssl profile reference; Default and
// DefaultPos from sni-default; ProxyProtocol when an iRule consumes a PROXY
// header (or a proxy-protocol profile is attached). Profile/ProfilePos name
// the client-ssl profile, HTTPProfile says an http or fasthttp profile is
// attached, Names hold the profile's server-name, SNIDefault/SNIRequire
// its sni-default/sni-require, Certs its cert-key-chain (or pre-11.x
// cert/key/chain), Policy its TLS policy. Incomplete is set when a profile
// of the virtual, or a link of the client-ssl profile's chain, cannot be
// resolved.
//
// A virtual with a pool becomes one lint.Upstream: Kind "pool", Subject
// "/Common/vs > pool /Common/p", Pos the virtual's pool attribute, Group
// the pool, Targets its members (Host the member's or node's address, or
// its FQDN; Port 0 keeps the virtual's port, PortImplicit), TLS when a
// server-ssl profile is attached on the server side (SchemePos at it),
// SNI/SNIName from the profile's server-name or the virtual's
// serverssl-use-sni, Verify from peer-cert-mode require, Policy.Trusted
// from ca-file, ClientCerts from cert/key, ProxyProtocol when an iRule of
// the virtual sends a PROXY header. Upstream.Policy is nil for a plain pool.
//
// Profiles inherit through defaults-from down to F5's built-ins: those of
// the input (profile_base.conf in a UCS or config directory) or, when the
// input does not carry them, the facts in builtin.go for the target release
// (Options.Target.BigIP). A child's attribute replaces its parent's whole.
// Every setting's Origin says where it was written: Pos the attribute in
// the profile that sets it, Chain the defaults-from attributes followed
// from the referencing profile down to that profile, Default when the
// value is F5's (a built-in profile, not modified in bigip.conf).
//
// `# tlslint:ignore TL105 -- reason` comments suppress findings in the
// object or property that follows them (`# tlslint:ignore-file` in the
// whole file), as in nginx files; BIG-IP itself drops comments when it
// saves its configuration, so this serves hand-maintained files (SCF, tmsh
// scripts in a repository).
//
// Certificate paths (CertPair.CertPath, KeyPath, ChainPth,
// TLSPolicy.TrustedPath) are files on disk for directories and single
// files, and "ARCHIVE!member" for archives, which a [Files] passed in
// Options reads for the certificate loader.
package bigip
