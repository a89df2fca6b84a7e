
BgammaJ=t<o=³=æ=ý8Í=á<