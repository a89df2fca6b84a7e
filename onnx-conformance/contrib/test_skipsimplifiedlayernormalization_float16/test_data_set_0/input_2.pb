
BgammaJ-9Ó;&8}9G9=Ù<P;