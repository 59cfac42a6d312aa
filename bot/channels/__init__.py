"""Chat channels: Telegram, Zalo and the console behind one interface (``base``)."""
