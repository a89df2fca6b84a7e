
BScaleJ­<Œ<È=a;ì<6<µ;f: