package sheets

import (
	"strings"

	"golang.org/x/text/language"
)

// Lang is the language of a workbook's headers and translated values.
type Lang string

// The languages workbooks are written in.
const (
	ZhCN Lang = "zh-CN" // the default: the property office's staff
	EnUS Lang = "en-US"
)

// Text is one text in both languages, as JSON answers carry messages.
type Text struct {
	Zh string `json:"zh-CN"`
	En string `json:"en-US"`
}

// In returns the text in l.
func (t Text) In(l Lang) string {
	if l == EnUS {
		return t.En
	}
	return t.Zh
}

// ParseLang picks the language of a request: the lang parameter when it
// names one (zh-CN, en-US, or just zh, en), else the best match of the
// Accept-Language header (the first of Chinese or English it prefers),
// else Chinese.
func ParseLang(param, acceptLanguage string) Lang {
	switch p := strings.ToLower(strings.TrimSpace(param)); {
	case strings.HasPrefix(p, "en"):
		return EnUS
	case strings.HasPrefix(p, "zh"):
		return ZhCN
	}
	if acceptLanguage == "" {
		return ZhCN
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage) // sorted by preference
	if err != nil {
		return ZhCN
	}
	for _, t := range tags {
		switch base, _ := t.Base(); base.String() {
		case "en":
			return EnUS
		case "zh":
			return ZhCN
		}
	}
	return ZhCN
}
