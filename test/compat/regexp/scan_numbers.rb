"order 12 has 3 items at 4.50 each".scan(/\d+(?:\.\d+)?/)
