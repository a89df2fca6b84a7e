
BbetaJ 7NњoL?ї™Y?укт>}КHњoУy>Ѕш|њЊЬ>