"""netbuilder.io"""
