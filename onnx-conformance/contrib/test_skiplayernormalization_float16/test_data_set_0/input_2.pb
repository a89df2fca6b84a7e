

BgammaJ¤8Q=µ;À:i8ƒ=2:M=