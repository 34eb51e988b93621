# A table as a spreadsheet exports it: seven numeric columns on scales from 0.01 to 1000
# (shaped after the Wisconsin breast-cancer measurements) and a text label at the end.
# Seeded, so every run writes the same file.
function gauss() { return sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()) }
BEGIN {
  srand(13)
  rows = rows ? rows : 600
  print "radius,texture,area,smoothness,concavity,symmetry,fractal_dim,diagnosis"
  for (i = 0; i < rows; i++) {
    malignant = rand() < 0.37
    radius = (malignant ? 17.5 : 12.1) + (malignant ? 3.2 : 1.8) * gauss()
    if (radius < 6) radius = 6
    texture = (malignant ? 21.6 : 17.9) + 3.8 * gauss()
    area = 3.14159 * radius * radius * (1 + 0.05 * gauss())
    smoothness = 0.096 + 0.014 * gauss()
    concavity = (malignant ? 0.16 : 0.046) + 0.04 * gauss()
    if (concavity < 0) concavity = 0
    symmetry = 0.181 + 0.027 * gauss()
    fractal = 0.0628 + 0.007 * gauss()
    printf "%.2f,%.2f,%.1f,%.5f,%.5f,%.4f,%.5f,%s\n", radius, texture, area, smoothness, concavity, symmetry, fractal, malignant ? "M" : "B"
  }
}
