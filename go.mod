module github.com/tlslint/tlslint

go 1.26.8
