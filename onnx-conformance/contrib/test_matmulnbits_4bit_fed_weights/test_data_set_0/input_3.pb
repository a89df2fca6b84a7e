Bzero_pointsJ¥{%^ü9Ø
gŒÙ)