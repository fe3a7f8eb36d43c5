package receipt

import "fmt"

const capitalDigits = "零壹贰叁肆伍陆柒捌玖"

var (
	capitalUnits  = []string{"", "拾", "佰", "仟"}
	capitalGroups = []string{"", "万", "亿", "万亿"}
)

// digit is capital digit d (0–9).
func digit(d int64) string { r := []rune(capitalDigits); return string(r[d]) }

// capitalGroup is one group of four digits (1..9999) in capitals, without
// its leading zeros: 1005 → 壹仟零伍.
func capitalGroup(n int64) string {
	out, zero := "", false
	for pos, p := 3, int64(1000); pos >= 0; pos, p = pos-1, p/10 {
		d := n / p % 10
		if d == 0 {
			zero = out != ""
			continue
		}
		if zero {
			out += "零"
		}
		zero = false
		out += digit(d) + capitalUnits[pos]
	}
	return out
}

// Capitals writes an amount of fen in Chinese capitals (大写金额), as a
// receipt prints it beside the figures so that nobody can alter it by
// adding a digit: 5000 → 伍拾元整, 123456 → 壹仟贰佰叁拾肆元伍角陆分,
// 105 → 壹元零伍分, 0 → 零元整, -100 → 负壹元整. It spells amounts below
// 10^16 yuan; larger ones (never a receipt's) come back as figures.
func Capitals(fen int64) string {
	sign := ""
	if fen < 0 {
		sign = "负"
	}
	abs := uint64(fen)
	if fen < 0 {
		abs = uint64(-(fen + 1)) + 1 // -MinInt64 overflows int64
	}
	if abs == 0 {
		return "零元整"
	}
	yuan, jiao, cents := abs/100, int64(abs/10%10), int64(abs%10)
	var groups []int64
	for y := yuan; y > 0; y /= 10000 {
		groups = append([]int64{int64(y % 10000)}, groups...)
	}
	if len(groups) > len(capitalGroups) {
		return fmt.Sprintf("%s%d.%02d元", sign, yuan, abs%100)
	}
	whole, zero := "", false
	for i, g := range groups {
		if g == 0 {
			zero = true
			continue
		}
		if whole != "" && (zero || g < 1000) {
			whole += "零"
		}
		zero = false
		whole += capitalGroup(g) + capitalGroups[len(groups)-1-i]
	}
	if whole != "" {
		whole += "元"
	}
	part := ""
	if jiao > 0 {
		part += digit(jiao) + "角"
	}
	if cents > 0 {
		if jiao == 0 && whole != "" {
			part += "零"
		}
		part += digit(cents) + "分"
	}
	if part == "" {
		part = "整"
	}
	return sign + whole + part
}

// Figures writes an amount of fen as yuan with thousands separators and
// two decimals: 123456 → ¥1,234.56, -5 → -¥0.05.
func Figures(fen int64) string {
	sign := ""
	abs := uint64(fen)
	if fen < 0 {
		sign, abs = "-", uint64(-(fen+1))+1
	}
	s := fmt.Sprint(abs / 100)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return fmt.Sprintf("%s¥%s.%02d", sign, s, abs%100)
}
