
B	InvStdDevJoüƒ?Þ]?