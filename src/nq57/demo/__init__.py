"""The demo: seed documents imported into their communes, generated values, demo accounts."""
