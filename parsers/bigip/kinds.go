package bigip

// The tmsh modules: the first word of every top-level object. From the tmsh
// reference (F5 "Traffic Management Shell (tmsh) Reference Guide", one
// chapter per module) and the modules seen in real bigip.conf,
// bigip_base.conf and profile_base.conf files (api-protection since 16.1).
// The parser accepts any word as a module; this list is used to recognise
// tmsh content (Detect) and the start of the next object when a '}' is
// missing.
var modules = map[string]bool{
	"analytics":      true,
	"api-protection": true,
	"apm":            true,
	"asm":            true,
	"auth":           true,
	"cli":            true,
	"cm":             true,
	"gtm":            true,
	"ilx":            true,
	"ltm":            true,
	"net":            true,
	"pem":            true,
	"security":       true,
	"sys":            true,
	"vcmp":           true,
	"wam":            true,
	"wom":            true,
}

// IsModule reports whether w is a tmsh module name (ltm, sys, net, …).
func IsModule(w string) bool { return modules[w] }

// kindInfo says how a known object kind's header splits.
type kindInfo struct {
	types     int  // type words after the module, including the matched ones
	unnamed   bool // a singleton: no name follows the types
	folderles bool // the name is not a folder path (interfaces, provisioning, …)
	raw       bool // the body is TCL or free text, not tmsh properties
}

// kinds maps "module type" or "module type subtype" to the header layout.
// Lookups try the three-word prefix first, then the two-word one. Kinds
// whose objects always carry an absolute name need no entry (a leading "/"
// decides); the table matters for relative names (`tmsh list` output,
// profile_base.conf) and for singletons.
var kinds = map[string]kindInfo{
	// ltm: `ltm <type> <name>` unless listed with a subtype.
	"ltm virtual":                   {types: 1},
	"ltm virtual-address":           {types: 1},
	"ltm pool":                      {types: 1},
	"ltm node":                      {types: 1},
	"ltm policy":                    {types: 1},
	"ltm policy-strategy":           {types: 1},
	"ltm snat":                      {types: 1},
	"ltm snatpool":                  {types: 1},
	"ltm snat-translation":          {types: 1},
	"ltm nat":                       {types: 1},
	"ltm traffic-matching-criteria": {types: 1},
	"ltm ifile":                     {types: 1},
	"ltm profile":                   {types: 2},
	"ltm monitor":                   {types: 2},
	"ltm persistence":               {types: 2},
	"ltm data-group":                {types: 2},
	"ltm cipher":                    {types: 2},
	"ltm auth":                      {types: 2},
	"ltm default-node-monitor":      {types: 1, unnamed: true},
	"ltm global-settings":           {types: 2, unnamed: true},
	"ltm rule":                      {types: 1, raw: true},
	// gtm
	"gtm pool":       {types: 2},
	"gtm wideip":     {types: 2},
	"gtm monitor":    {types: 2},
	"gtm server":     {types: 1},
	"gtm datacenter": {types: 1},
	"gtm rule":       {types: 1, raw: true},
	// pem
	"pem irule": {types: 1, raw: true},
	// sys
	"sys file":                 {types: 2},
	"sys crypto":               {types: 2},
	"sys application":          {types: 2},
	"sys application template": {types: 2, raw: true},
	"sys icall":                {types: 2},
	"sys icall script":         {types: 2, raw: true},
	"sys icall handler":        {types: 3},
	"sys log-config":           {types: 2},
	"sys ecm":                  {types: 2},
	"sys folder":               {types: 1},
	"sys management-route":     {types: 1},
	"sys management-ip":        {types: 1, folderles: true},
	"sys provision":            {types: 1, folderles: true},
	"sys db":                   {types: 1, folderles: true},
	"sys software update":      {types: 2, unnamed: true},
	"sys diags ihealth":        {types: 2, unnamed: true},
	"sys dynad settings":       {types: 2, unnamed: true},
	"sys fpga firmware-config": {types: 2, unnamed: true},
	"sys turboflex":            {types: 2, unnamed: true},
	"sys global-settings":      {types: 1, unnamed: true},
	"sys httpd":                {types: 1, unnamed: true},
	"sys sshd":                 {types: 1, unnamed: true},
	"sys ntp":                  {types: 1, unnamed: true},
	"sys dns":                  {types: 1, unnamed: true},
	"sys snmp":                 {types: 1, unnamed: true},
	"sys syslog":               {types: 1, unnamed: true},
	"sys compatibility-level":  {types: 1, unnamed: true},
	"sys management-ovsdb":     {types: 1, unnamed: true},
	"sys sflow":                {types: 2},
	// net
	"net vlan":         {types: 1},
	"net self":         {types: 1},
	"net route":        {types: 1},
	"net route-domain": {types: 1},
	"net trunk":        {types: 1},
	"net interface":    {types: 1, folderles: true},
	"net tunnels":      {types: 2},
	"net ipsec":        {types: 2},
	"net fdb":          {types: 2},
	"net self-allow":   {types: 1, unnamed: true},
	"net stp-globals":  {types: 1, unnamed: true},
	// apm
	"apm policy":       {types: 2},
	"apm policy agent": {types: 3},
	"apm profile":      {types: 2},
	"apm resource":     {types: 2},
	"apm aaa":          {types: 2},
	"apm epsec":        {types: 2},
	"apm report":       {types: 1},
	// auth
	"auth partition":       {types: 1, folderles: true},
	"auth user":            {types: 1, folderles: true},
	"auth remote-user":     {types: 1, unnamed: true},
	"auth remote-role":     {types: 1, unnamed: true},
	"auth source":          {types: 1, unnamed: true},
	"auth password-policy": {types: 1, unnamed: true},
	// cli
	"cli script":           {types: 1, raw: true},
	"cli admin-partitions": {types: 1, unnamed: true},
	"cli global-settings":  {types: 1, unnamed: true},
	"cli preference":       {types: 1, unnamed: true},
	// pem, analytics, wom singletons seen in bigip.conf
	"pem global-settings":       {types: 2, unnamed: true},
	"analytics global-settings": {types: 1, unnamed: true},
	"wom endpoint-discovery":    {types: 1, unnamed: true},
	"ilx global-settings":       {types: 1, unnamed: true},
}

// lookupKind finds the layout for a header's words (module first).
func lookupKind(words []string) (kindInfo, bool) {
	if len(words) >= 3 {
		if k, ok := kinds[words[0]+" "+words[1]+" "+words[2]]; ok {
			return k, true
		}
	}
	if len(words) >= 2 {
		if k, ok := kinds[words[0]+" "+words[1]]; ok {
			return k, true
		}
	}
	return kindInfo{}, false
}
