print("store-scale")
