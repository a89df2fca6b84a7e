
BYJRAr+C­w¬U8$¿]7“?