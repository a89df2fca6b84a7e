

BbiasJ莺惬�3�5铡r:X6挱