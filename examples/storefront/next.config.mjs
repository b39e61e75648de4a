/** @type {import('next').NextConfig} */
const nextConfig = {
  // The typed client ships as compiled ESM from the gateway package; nothing to transpile.
  poweredByHeader: false,
};

export default nextConfig;
