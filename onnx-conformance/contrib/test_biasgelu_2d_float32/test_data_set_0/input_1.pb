
BbiasJ°S¾– ¾úK¿	Z#?Yb¿²b¼½