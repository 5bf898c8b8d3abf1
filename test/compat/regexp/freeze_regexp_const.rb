WORD = /\b[a-z]{4}\b/
"this text has some four word list".scan(WORD)
