package rules_test

import (
	"testing"

	_ "github.com/tlslint/tlslint/rules"
	"github.com/tlslint/tlslint/rules/linttest"
)

func TestTL001(t *testing.T) { linttest.Run(t, "TL001") }
func TestTL002(t *testing.T) { linttest.Run(t, "TL002") }
func TestTL003(t *testing.T) { linttest.Run(t, "TL003") }
func TestTL101(t *testing.T) { linttest.Run(t, "TL101") }
func TestTL102(t *testing.T) { linttest.Run(t, "TL102") }
func TestTL103(t *testing.T) { linttest.Run(t, "TL103") }
func TestTL104(t *testing.T) { linttest.Run(t, "TL104") }
func TestTL105(t *testing.T) { linttest.Run(t, "TL105") }
func TestTL106(t *testing.T) { linttest.Run(t, "TL106") }
func TestTL110(t *testing.T) { linttest.Run(t, "TL110") }
func TestTL201(t *testing.T) { linttest.Run(t, "TL201") }
func TestTL202(t *testing.T) { linttest.Run(t, "TL202") }
func TestTL203(t *testing.T) { linttest.Run(t, "TL203") }
func TestTL204(t *testing.T) { linttest.Run(t, "TL204") }
func TestTL211(t *testing.T) { linttest.Run(t, "TL211") }
func TestTL213(t *testing.T) { linttest.Run(t, "TL213") }
func TestTL214(t *testing.T) { linttest.Run(t, "TL214") }
func TestTL215(t *testing.T) { linttest.Run(t, "TL215") }
func TestTL107(t *testing.T) { linttest.Run(t, "TL107") }
func TestTL108(t *testing.T) { linttest.Run(t, "TL108") }
func TestTL205(t *testing.T) { linttest.Run(t, "TL205") }
func TestTL206(t *testing.T) { linttest.Run(t, "TL206") }
func TestTL207(t *testing.T) { linttest.Run(t, "TL207") }
func TestTL208(t *testing.T) { linttest.Run(t, "TL208") }
func TestTL209(t *testing.T) { linttest.Run(t, "TL209") }
func TestTL210(t *testing.T) { linttest.Run(t, "TL210") }
func TestTL301(t *testing.T) { linttest.Run(t, "TL301") }
func TestTL302(t *testing.T) { linttest.Run(t, "TL302") }
func TestTL303(t *testing.T) { linttest.Run(t, "TL303") }
func TestTL304(t *testing.T) { linttest.Run(t, "TL304") }
func TestTL305(t *testing.T) { linttest.Run(t, "TL305") }
func TestTL306(t *testing.T) { linttest.Run(t, "TL306") }
func TestTL307(t *testing.T) { linttest.Run(t, "TL307") }
func TestTL308(t *testing.T) { linttest.Run(t, "TL308") }
func TestTL309(t *testing.T) { linttest.Run(t, "TL309") }
func TestTL310(t *testing.T) { linttest.Run(t, "TL310") }
func TestTL212(t *testing.T) { linttest.Run(t, "TL212") }
func TestTL109(t *testing.T) { linttest.Run(t, "TL109") }
