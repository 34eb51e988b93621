# CPack: `cpack -G DEB` and `cpack -G TGZ` from the build folder package both executables.
set(CPACK_PACKAGE_NAME "vae-explorer")
set(CPACK_PACKAGE_VENDOR "VAE Explorer developers")
set(CPACK_PACKAGE_CONTACT "VAE Explorer developers <vae-explorer@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Train variational autoencoders and explore their latent space")
set(CPACK_PACKAGE_DESCRIPTION
    "VAE Explorer trains variational autoencoders on CSV, NumPy, IDX or built-in datasets, \
shows ELBO and KL curves live, and lets the user explore the latent plane: click to decode, \
drag to interpolate, and measure how blurry, repetitive or unlike the data samples are. \
Includes vae-cli for headless use.")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGE_FILE_NAME "${CPACK_PACKAGE_NAME}-${PROJECT_VERSION}-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB;TGZ")

# Debian: runtime dependencies are computed from the binaries' shared libraries
# (dpkg-shlibdeps), so they stay right when a library is added or dropped.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# Fashion-MNIST appears under File > Examples when it is installed.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "dataset-fashion-mnist")

install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" "${PROJECT_SOURCE_DIR}/README.md"
        DESTINATION "${CMAKE_INSTALL_DOCDIR}")

include(CPack)
