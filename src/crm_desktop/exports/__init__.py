"""Excel workbooks (openpyxl): reports, register exports and customer imports."""
