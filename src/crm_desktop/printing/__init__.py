"""Paper forms: reportlab fills the layouts in forms/ and embeds the font from resources/fonts/."""
