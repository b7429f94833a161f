"""The Portfolio section: holdings and prices, interests, exposure, look-through, screening and
what is due next, bundled by ``ui.portfolio.panel.PortfolioPanel``."""
