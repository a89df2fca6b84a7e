
BbiasJ Jp ?Ê{½L•Ï¾+Äs¿¤£ ¾S/
¿¯	?tüf>