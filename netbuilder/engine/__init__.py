"""netbuilder.engine"""
