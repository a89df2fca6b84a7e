
BMeanJjºú¾MÊ§¾